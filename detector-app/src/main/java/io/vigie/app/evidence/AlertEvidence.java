package io.vigie.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The subject's alerts, to {@code alerts.jsonl}, one compact JSON document per line. The reported mails they name
 * join the subject's, so that {@code raw.reports}, read next, yields them.
 */
final class AlertEvidence implements BoundedTopicReader.RecordHandler, AutoCloseable {

    private final SubjectScope scope;
    private final OutputStream out;
    private long alerts;
    private long unreadable;

    AlertEvidence(final EvidenceArchive archive, final SubjectScope scope) throws IOException {
        this.scope = scope;
        this.out = archive.entry("alerts.jsonl");
    }

    @Override
    public void accept(final ConsumerRecord<String, byte[]> record) throws IOException {
        if (record.value() == null) {
            return;
        }
        final JsonNode alert;
        try {
            alert = JsonSerde.MAPPER.readTree(record.value());
        } catch (final IOException e) {
            unreadable++;
            return;
        }
        if (alert == null || !alert.isObject() || !AlertMatching.matches(alert, scope)) {
            return;
        }
        AlertMatching.reportIds(alert).forEach(scope::addReportId);
        out.write(JsonSerde.MAPPER.writeValueAsBytes(alert));
        out.write('\n');
        alerts++;
    }

    long alerts() {
        return alerts;
    }

    long unreadable() {
        return unreadable;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
