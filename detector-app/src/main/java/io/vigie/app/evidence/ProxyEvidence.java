package io.vigie.app.evidence;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.ProxyLine;
import io.vigie.rules.proxy.ProxyLineReading;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The subject's lines of {@code raw.proxy}: those whose client address is one of the subject's hosts or IPs, or
 * whose authenticated user is one of its users, read by the engine's own parser in the configured
 * {@code proxy.format}. Every line is parsed, matching or not, so that W3C {@code #Fields:} directives are followed
 * as the engine follows them.
 */
final class ProxyEvidence implements BoundedTopicReader.RecordHandler {

    private final ProxyLineReading reading;
    private final SubjectScope scope;
    private final LineEvidence out;

    ProxyEvidence(final ProxyLineReading reading, final SubjectScope scope, final LineEvidence out) {
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
            for (final ParseResult<ProxyLine> result : reading.parse(record.key(), line.text(), record.timestamp())) {
                if (result.isOk() && result.value().isAccess() && about(result.value().event())) {
                    out.add(line.raw(), result.value().event(), record);
                }
            }
        }
    }

    private boolean about(final ProxyEvent e) {
        return scope.matchesHost(e.clientIp()) || scope.matchesUser(e.user());
    }
}
