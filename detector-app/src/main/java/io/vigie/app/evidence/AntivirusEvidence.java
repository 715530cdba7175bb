package io.vigie.app.evidence;

import io.vigie.core.model.AvEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.av.AvLine;
import io.vigie.rules.dlq.ParsingStep;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The subject's detections of {@code raw.av}: those whose machine (its name, or the record key for the formats
 * that do not log it), machine address or user is the subject's, read as the engine reads them.
 */
final class AntivirusEvidence implements BoundedTopicReader.RecordHandler {

    private final ParsingStep.MultiParser<String, AvLine> reading;
    private final SubjectScope scope;
    private final LineEvidence out;

    AntivirusEvidence(final ParsingStep.MultiParser<String, AvLine> reading, final SubjectScope scope,
                      final LineEvidence out) {
        this.reading = reading;
        this.scope = scope;
        this.out = out;
    }

    @Override
    public void accept(final ConsumerRecord<String, byte[]> record) throws IOException {
        if (record.value() == null) {
            return;
        }
        for (final RawLines.Line line : RawLines.split(record.value())) {
            for (final ParseResult<AvLine> result : reading.parse(record.key(), line.text(), record.timestamp())) {
                if (result.isOk() && result.value().isDetection() && about(result.value().event())) {
                    out.add(line.raw(), result.value().event(), record);
                }
            }
        }
    }

    private boolean about(final AvEvent e) {
        return scope.matchesHost(e.host()) || scope.matchesHost(e.hostIp()) || scope.matchesUser(e.user());
    }
}
