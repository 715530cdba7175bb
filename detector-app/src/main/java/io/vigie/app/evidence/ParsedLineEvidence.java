package io.vigie.app.evidence;

import io.vigie.core.model.AvEvent;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.av.AvLine;
import io.vigie.core.parse.proxy.ProxyLine;
import io.vigie.rules.dlq.ParsingStep;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The subject's lines of a raw topic, read by the engine's own parser: every line is parsed, matching or not (W3C
 * {@code #Fields:} directives are followed as the engine follows them), and the events about the subject are kept
 * with their original line.
 *
 * @param <L> what the parser reads a line into
 * @param <E> the event a line may hold
 */
final class ParsedLineEvidence<L, E> implements BoundedTopicReader.RecordHandler {

    private final ParsingStep.MultiParser<String, L> reading;
    private final Function<L, E> eventOf;
    private final Predicate<E> about;
    private final LineEvidence out;

    /**
     * @param eventOf the event a parsed line holds; null for a line that holds none (a directive, another record)
     * @param about   whether the event is about the subject
     */
    ParsedLineEvidence(
            final ParsingStep.MultiParser<String, L> reading,
            final Function<L, E> eventOf,
            final Predicate<E> about,
            final LineEvidence out) {
        this.reading = reading;
        this.eventOf = eventOf;
        this.about = about;
        this.out = out;
    }

    /**
     * {@code raw.proxy}: requests whose client address is one of the subject's hosts or addresses, or whose
     * authenticated user is one of its users.
     */
    static ParsedLineEvidence<ProxyLine, ProxyEvent> proxy(
            final ParsingStep.MultiParser<String, ProxyLine> reading,
            final SubjectScope scope,
            final LineEvidence out) {
        return new ParsedLineEvidence<>(
                reading,
                line -> line.isAccess() ? line.event() : null,
                e -> scope.matchesHost(e.clientIp()) || scope.matchesUser(e.user()),
                out);
    }

    /**
     * {@code raw.av}: detections whose machine (its name, or the record key for the formats that do not log it),
     * machine address or user is the subject's.
     */
    static ParsedLineEvidence<AvLine, AvEvent> antivirus(
            final ParsingStep.MultiParser<String, AvLine> reading, final SubjectScope scope, final LineEvidence out) {
        return new ParsedLineEvidence<>(
                reading,
                line -> line.isDetection() ? line.event() : null,
                e -> scope.matchesHost(e.host()) || scope.matchesHost(e.hostIp()) || scope.matchesUser(e.user()),
                out);
    }

    @Override
    public void accept(final ConsumerRecord<String, byte[]> record) throws IOException {
        if (record.value() == null) {
            return;
        }
        for (final RawLines.Line line : RawLines.split(record.value())) {
            for (final ParseResult<L> result : reading.parse(record.key(), line.text(), record.timestamp())) {
                final E event = result.isOk() ? eventOf.apply(result.value()) : null;
                if (event != null && about.test(event)) {
                    out.add(line.raw(), event, record);
                }
            }
        }
    }
}
