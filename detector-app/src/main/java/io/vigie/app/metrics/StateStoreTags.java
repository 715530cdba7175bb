package io.vigie.app.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * One tag layout for every Kafka Streams state store metric. Kafka names the store tag after the store type
 * ({@code rocksdb-state-id}, {@code rocksdb-window-state-id}, {@code in-memory-state-id}...) under the same
 * metric name, and Prometheus refuses a second tag layout for a name: the first store type registered won and
 * the others' metrics (window stores' put latency, flushes, compactions) were dropped. Every such tag becomes
 * {@code state.id}; store names are unique, so the store stays known. No tag is added: Micrometer's Kafka binder
 * skips a metric when a meter of that name already has more tags than the metric itself.
 */
public final class StateStoreTags implements MeterFilter {

    private static final String SUFFIX = ".state.id";

    @Override
    public Meter.Id map(final Meter.Id id) {
        List<Tag> tags = null;
        for (final Tag tag : id.getTagsAsIterable()) {
            final String key = tag.getKey().replace('-', '.');
            if (key.endsWith(SUFFIX) && key.length() > SUFFIX.length()) {
                tags = new ArrayList<>();
                for (final Tag other : id.getTagsAsIterable()) {
                    if (!other.getKey().equals(tag.getKey())) {
                        tags.add(other);
                    }
                }
                tags.add(Tag.of("state.id", tag.getValue()));
                break;
            }
        }
        return tags == null ? id : id.replaceTags(tags);
    }
}
