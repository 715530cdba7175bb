package io.vigie.app.evidence;

/** Told how far the reading of a topic is, after each batch of records and once at its end. */
@FunctionalInterface
public interface TopicReadProgress {

    /**
     * @param records records read so far
     * @param total   records between the start and the end offsets (fewer on a compacted topic)
     */
    void read(String topic, long records, long total);
}
