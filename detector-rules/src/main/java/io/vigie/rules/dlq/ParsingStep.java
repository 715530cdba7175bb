package io.vigie.rules.dlq;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.parse.ParseError;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.RecordLines;
import io.vigie.core.serde.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns a stream of raw records into parsed events, sending every record the parser refuses to
 * the dead-letter topic with the reason and where it came from (topic, partition, offset), and
 * counting it. Nothing is dropped silently.
 */
public final class ParsingStep {

    public static final JsonSerde<DeadLetter> DEAD_LETTER_SERDE = JsonSerde.of(DeadLetter.class);

    /** Record timestamps may run ahead of the wall clock by this much, no more. */
    static final long MAX_FUTURE_MILLIS = Duration.ofMinutes(5).toMillis();

    private ParsingStep() {}

    /**
     * @param name   used for processor names, e.g. {@code postfix}
     * @param parser the source's parser, given the record's key, value and timestamp
     * @param eventTime the event's time: it becomes the record timestamp, so that windows and stream
     *                  time downstream follow the logs' clock, not the shipper's
     * @return the stream of parsed events (same key as the raw record)
     */
    public static <T> KStream<String, T> parse(
            final KStream<String, String> raw,
            final String name,
            final RecordParser<T> parser,
            final Function<T, Instant> eventTime,
            final String dlqTopic) {
        return parseAll(
                raw,
                name,
                (key, value, timestamp) -> List.of(parser.parse(key, value, timestamp)),
                value -> value,
                eventTime,
                dlqTopic);
    }

    /**
     * The general form: raw values of any type (bytes for compressed reports), and any number of results
     * per raw record, each good one forwarded and each bad one dead-lettered on its own.
     *
     * @param rawText the raw value as the dead letter shows it; null to show the parser's own excerpt
     *                ({@link ParseError#raw()}), e.g. for binary input
     */
    public static <V, T> KStream<String, T> parseAll(
            final KStream<String, V> raw,
            final String name,
            final MultiParser<V, T> parser,
            final Function<V, String> rawText,
            final Function<T, Instant> eventTime,
            final String dlqTopic) {
        final Map<String, KStream<String, Parsed<T>>> branches = raw.processValues(
                        () -> new ParseProcessor<>(name, parser, rawText, eventTime), Named.as(name + "-parse"))
                .split(Named.as(name + "-parsed-"))
                .branch((key, parsed) -> parsed.isOk(), Branched.as("ok"))
                .defaultBranch(Branched.as("failed"));
        branches.get(name + "-parsed-failed")
                .mapValues(Parsed::deadLetter, Named.as(name + "-dead-letter"))
                .to(dlqTopic, Produced.with(Serdes.String(), DEAD_LETTER_SERDE).withName(name + "-dlq-sink"));
        return branches.get(name + "-parsed-ok").mapValues(Parsed::event, Named.as(name + "-parsed-value"));
    }

    /**
     * For line sources: a record holds one line or several separated by LF ({@link RecordLines}), and each line is
     * parsed on its own, in order. A bad line is a dead letter of its own, showing that line; a record of one line
     * shows as it did when records were lines.
     *
     * @param lineParser parses one line
     */
    public static <T> KStream<String, T> parseLines(
            final KStream<String, String> raw,
            final String name,
            final MultiParser<String, T> lineParser,
            final Function<T, Instant> eventTime,
            final String dlqTopic) {
        return parseAll(
                raw,
                name,
                (key, value, timestamp) -> {
                    final List<String> lines = RecordLines.splitKeepingJson(value);
                    if (lines.size() <= 1) {
                        // a blank record goes to the parser as it is: each source says what a blank line is
                        return lineParser.parse(key, lines.isEmpty() ? value : lines.get(0), timestamp);
                    }
                    final List<ParseResult<T>> results = new java.util.ArrayList<>(lines.size());
                    for (final String line : lines) {
                        results.addAll(lineParser.parse(key, line, timestamp));
                    }
                    return results;
                },
                value -> value.indexOf('\n') < 0 ? value : null,
                eventTime,
                dlqTopic);
    }

    /** A parser that may use the record's key and timestamp, not only its value. */
    @FunctionalInterface
    public interface RecordParser<T> {
        ParseResult<T> parse(String key, String value, long timestamp);
    }

    /** A parser that finds any number of events, or failures, in one raw record. */
    @FunctionalInterface
    public interface MultiParser<V, T> {
        List<ParseResult<T>> parse(String key, V value, long timestamp);
    }

    private static final class ParseProcessor<V, T> implements FixedKeyProcessor<String, V, Parsed<T>> {
        private final String name;
        private final MultiParser<V, T> parser;
        private final Function<V, String> rawText;
        private final Function<T, Instant> eventTime;
        private FixedKeyProcessorContext<String, Parsed<T>> context;
        private DeadLetterSensors sensors;
        private Sensor futureClamped;

        ParseProcessor(
                final String name,
                final MultiParser<V, T> parser,
                final Function<V, String> rawText,
                final Function<T, Instant> eventTime) {
            this.name = name;
            this.parser = parser;
            this.rawText = rawText;
            this.eventTime = eventTime;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, Parsed<T>> ctx) {
            this.context = ctx;
            this.sensors = new DeadLetterSensors(ctx.metrics());
            this.futureClamped = ctx.metrics().addSensor("vigie-future-events-" + name, Sensor.RecordingLevel.INFO);
            futureClamped.add(
                    new MetricName(
                            "future-events-total",
                            "vigie-input",
                            "Events stamped in the future (sender clock ahead) whose record time was set to now",
                            Map.of("source", name)),
                    new CumulativeSum());
        }

        /**
         * The event time, unless it is in the future: a host with a wrong clock must not push stream time
         * ahead (closing windows early), and brokers refuse records stamped more than an hour ahead
         * (Kafka 4's default), which would stop the engine. Such events keep their own time in the value.
         */
        private long recordTime(final long eventMillis) {
            final long latest = context.currentSystemTimeMs() + MAX_FUTURE_MILLIS;
            if (eventMillis > latest) {
                futureClamped.record(1);
                return latest;
            }
            return eventMillis;
        }

        @Override
        public void process(final FixedKeyRecord<String, V> rawRecord) {
            final V raw = rawRecord.value();
            final List<ParseResult<T>> results = raw == null
                    ? List.of(ParseResult.failed(name, "empty record", ""))
                    : parser.parse(rawRecord.key(), raw, rawRecord.timestamp());
            for (final ParseResult<T> result : results) {
                if (result.isOk()) {
                    forwardEvent(rawRecord, result.value());
                } else {
                    forwardDeadLetter(rawRecord, result.error());
                }
            }
        }

        private void forwardEvent(final FixedKeyRecord<String, V> rawRecord, final T event) {
            final Instant time = eventTime.apply(event);
            final FixedKeyRecord<String, Parsed<T>> parsed = rawRecord.withValue(new Parsed<>(event, null));
            context.forward(time == null ? parsed : parsed.withTimestamp(recordTime(time.toEpochMilli())));
        }

        private void forwardDeadLetter(final FixedKeyRecord<String, V> rawRecord, final ParseError error) {
            sensors.record(name, error.reason());
            final RecordMetadata where = context.recordMetadata().orElse(null);
            final String shown = rawRecord.value() == null ? "" : rawText.apply(rawRecord.value());
            final DeadLetter letter = DeadLetter.of(
                    Instant.ofEpochMilli(context.currentSystemTimeMs()),
                    name,
                    error.reason(),
                    where == null ? null : where.topic(),
                    where == null ? -1 : where.partition(),
                    where == null ? -1 : where.offset(),
                    shown != null ? shown : error.raw());
            context.forward(rawRecord.withValue(new Parsed<>(null, letter)));
        }
    }
}
