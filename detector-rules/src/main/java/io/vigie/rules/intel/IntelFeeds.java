package io.vigie.rules.intel;

import io.vigie.core.model.Indicator;
import io.vigie.core.parse.intel.IndicatorListParser;
import io.vigie.core.parse.intel.IntelLine;
import io.vigie.core.parse.intel.UrlhausCsvParser;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The indicator feeds: URLhaus CSV lines ({@code raw.urlhaus}) and plain lists of the hospital's own
 * ({@code raw.indicators}) become {@link Indicator}s on {@code intel.indicators}, where analysts (through the
 * API) and other detections publish theirs too. Comment and header lines are left; malformed lines go to the
 * dead-letter topic.
 */
public final class IntelFeeds {

    public static final JsonSerde<Indicator> INDICATOR_SERDE = JsonSerde.of(Indicator.class);

    private IntelFeeds() {}

    public static void addTo(final StreamsBuilder builder, final TopicNames topics) {
        final UrlhausCsvParser urlhaus = new UrlhausCsvParser();
        final IndicatorListParser list = new IndicatorListParser();
        feed(builder, topics, topics.rawUrlhaus(), "urlhaus", (key, line, timestamp) -> urlhaus.parse(line));
        feed(
                builder,
                topics,
                topics.rawIndicators(),
                "indicators",
                (key, line, timestamp) -> list.parse(line, Instant.ofEpochMilli(timestamp)));
    }

    private static void feed(
            final StreamsBuilder builder,
            final TopicNames topics,
            final String rawTopic,
            final String name,
            final ParsingStep.RecordParser<IntelLine> parser) {
        final KStream<String, String> raw = builder.stream(
                rawTopic, Consumed.with(Serdes.String(), Serdes.String()).withName(name + "-raw-source"));
        ParsingStep.parseAll(
                        raw,
                        name,
                        (key, line, timestamp) -> List.of(parser.parse(key, line, timestamp)),
                        line -> line,
                        intelLine -> null,
                        topics.dlq())
                .filter((key, line) -> line.indicator() != null, Named.as(name + "-indicators-only"))
                .selectKey((key, line) -> line.indicator().key(), Named.as(name + "-key-by-indicator"))
                .mapValues(IntelLine::indicator, Named.as(name + "-indicator"))
                .to(
                        topics.indicators(),
                        Produced.with(Serdes.String(), INDICATOR_SERDE).withName(name + "-indicators-sink"));
    }
}
