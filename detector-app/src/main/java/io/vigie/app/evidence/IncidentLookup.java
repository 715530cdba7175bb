package io.vigie.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The latest record of one incident in the compacted {@code incidents} topic: keyed by its id, or naming it in
 * its {@code id} field. Read as a JSON tree, not a class, so that the incident's shape can grow. A tombstone of the
 * id forgets what came before it.
 */
final class IncidentLookup implements BoundedTopicReader.RecordHandler {

    private final String id;
    private byte[] latest;
    private JsonNode latestJson;

    IncidentLookup(final String id) {
        this.id = id;
    }

    @Override
    public void accept(final ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (id.equals(record.key())) {
                latest = null;
                latestJson = null;
            }
            return;
        }
        final JsonNode json;
        try {
            json = JsonSerde.MAPPER.readTree(record.value());
        } catch (final IOException e) {
            return;
        }
        if (json != null
                && json.isObject()
                && (id.equals(record.key()) || id.equals(json.path("id").asText(null)))) {
            latest = record.value();
            latestJson = json;
        }
    }

    boolean found() {
        return latest != null;
    }

    /** The record as it was on the topic. */
    byte[] bytes() {
        return latest;
    }

    JsonNode json() {
        return latestJson;
    }
}
