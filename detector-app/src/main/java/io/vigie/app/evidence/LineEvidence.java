package io.vigie.app.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One source's part of the evidence: {@code <dir>/lines.log}, the matching lines exactly as they were on the raw
 * topic, and {@code <dir>/events.jsonl}, what the engine's parser read in each, with where the line came from
 * ({@code kafka.topic}, {@code partition}, {@code offset}, {@code timestamp}) so a line can be found again.
 */
final class LineEvidence implements AutoCloseable {

    private final String dir;
    private final OutputStream lines;
    private final OutputStream events;
    private long count;
    private long parsed;

    LineEvidence(final EvidenceArchive archive, final String dir) throws IOException {
        this.dir = dir;
        this.lines = archive.entry(dir + "/lines.log");
        this.events = archive.entry(dir + "/events.jsonl");
    }

    /**
     * @param line   the original line, as shipped
     * @param event  what the parser read, null when the line was matched without being parsed
     * @param record the record the line came in
     */
    void add(final byte[] line, final Object event, final ConsumerRecord<String, byte[]> record) throws IOException {
        lines.write(line);
        lines.write('\n');
        count++;
        if (event == null) {
            return;
        }
        final ObjectNode json = JsonSerde.MAPPER.createObjectNode();
        final ObjectNode kafka = json.putObject("kafka");
        kafka.put("topic", record.topic());
        kafka.put("partition", record.partition());
        kafka.put("offset", record.offset());
        kafka.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        json.set("event", JsonSerde.MAPPER.valueToTree(event));
        events.write(JsonSerde.MAPPER.writeValueAsBytes(json));
        events.write('\n');
        parsed++;
    }

    String dir() {
        return dir;
    }

    long lines() {
        return count;
    }

    long parsed() {
        return parsed;
    }

    @Override
    public void close() throws IOException {
        try {
            lines.close();
        } finally {
            events.close();
        }
    }
}
