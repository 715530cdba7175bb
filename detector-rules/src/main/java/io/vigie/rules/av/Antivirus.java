package io.vigie.rules.av;

import io.vigie.core.model.AvEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.av.AvJsonMapping;
import io.vigie.core.parse.av.AvLine;
import io.vigie.core.parse.av.AvParsers;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Antivirus events, from raw lines to alerts.
 *
 * <ol>
 *   <li>{@code raw.av}: one line or JSON record per record, in {@code antivirus.format} ({@code auto} by
 *       default). Formats that do not name the machine (ClamAV's output and log) take it from the record key:
 *       ship them keyed by host name. Lines that are not detections are left; unreadable ones go to
 *       {@code dlq}.</li>
 *   <li>Each detection is judged alone (internet origin, server) and counted per threat and per file hash over
 *       the outbreak window.</li>
 * </ol>
 */
public final class Antivirus {

    public static final String NAME = "av";
    private static final JsonSerde<AvEvent> EVENT_SERDE = JsonSerde.internal(AvEvent.class);

    private Antivirus() {}

    /** Every value {@code antivirus.format} accepts. */
    public static List<String> formats() {
        final List<String> all = new ArrayList<>(List.of("auto"));
        all.addAll(new AvParsers(null, java.time.ZoneOffset.UTC, java.time.Clock.systemUTC(), AvJsonMapping.ecs())
                .formats().stream().sorted().toList());
        return List.copyOf(all);
    }

    /**
     * What the antivirus part offers the other parts.
     *
     * @param alerts     its alerts, not yet throttled
     * @param detections the parsed detections (after {@code av-detections-only}, keyed as read): who is who reads
     *                   the machine and account of each
     */
    public record Output(KStream<String, Alert> alerts, KStream<String, AvEvent> detections) {}

    /** Adds the antivirus part to the builder. */
    public static Output addTo(final StreamsBuilder builder, final RulesConfig config) {
        final TopicNames topics = config.topics();
        final AntivirusConfig av = config.antivirus();
        final AvParsers parsers = new AvParsers(null, config.zone(), config.clock(), AvJsonMapping.ecs());
        final ParsingStep.MultiParser<String, AvLine> reading = reading(parsers, av.format());
        final KStream<String, String> raw = builder.stream(
                topics.rawAv(), Consumed.with(Serdes.String(), Serdes.String()).withName("av-raw-source"));
        final KStream<String, AvEvent> detections = ParsingStep.parseLines(
                        raw,
                        NAME,
                        reading,
                        line -> line.event() == null ? null : line.event().time(),
                        topics.dlq())
                .processValues(AvDetectionsOnly::new, Named.as("av-detections-only"));

        final AvEventDetections perEvent = new AvEventDetections(av);
        final KStream<String, Alert> judged =
                detections.processValues(() -> new AvJudge(perEvent), Named.as("av-judge"));

        builder.addStateStore(OutbreakDetection.storeBuilder());
        final KStream<String, Alert> outbreaks = detections
                .flatMap((host, e) -> outbreakKeys(e), Named.as("av-key-by-threat-and-file"))
                .repartition(Repartitioned.with(Serdes.String(), EVENT_SERDE).withName("av-by-threat"))
                .process(() -> OutbreakDetection.processor(av), Named.as("av-outbreak"), OutbreakDetection.STORE);
        return new Output(judged.merge(outbreaks, Named.as("av-alerts")), detections);
    }

    /**
     * How the engine reads a {@code raw.av} record's line in the given {@code antivirus.format}, with the machine
     * and the time completed from the record's key and timestamp; for other readers of the topic (the
     * {@code evidence} export).
     *
     * @throws IllegalArgumentException for an unknown format: a configuration error
     */
    public static ParsingStep.MultiParser<String, AvLine> lineReading(
            final java.time.ZoneId zone, final java.time.Clock clock, final String format) {
        return reading(new AvParsers(null, zone, clock, AvJsonMapping.ecs()), format);
    }

    private static ParsingStep.MultiParser<String, AvLine> reading(final AvParsers parsers, final String format) {
        if ("auto".equals(format)) {
            return (key, line, timestamp) -> List.of(completed(parsers.auto(line), key, timestamp));
        }
        final var parser = parsers.parser(format)
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown antivirus format '" + format + "' (" + formats() + ")"));
        return (key, line, timestamp) -> List.of(completed(parser.parse(line), key, timestamp));
    }

    /**
     * What a format leaves out, from the record: the machine from its key (ClamAV's logs do not name it, ship them
     * keyed by host), the time from its timestamp (clamscan's output has none).
     */
    private static ParseResult<AvLine> completed(
            final ParseResult<AvLine> read, final String key, final long timestamp) {
        if (!read.isOk() || read.value().event() == null) {
            return read;
        }
        final AvEvent e = read.value().event();
        final boolean noHost = e.host() == null && key != null && !key.isBlank();
        if (!noHost && e.time() != null) {
            return read;
        }
        return ParseResult.ok(AvLine.of(new AvEvent(
                e.time() != null ? e.time() : Instant.ofEpochMilli(timestamp),
                e.product(),
                noHost ? key.toLowerCase(Locale.ROOT) : e.host(),
                e.hostIp(),
                e.user(),
                e.threat(),
                e.path(),
                e.sha256(),
                e.hash(),
                e.action(),
                e.origin(),
                e.severity())));
    }

    private static List<KeyValue<String, AvEvent>> outbreakKeys(final AvEvent e) {
        final List<KeyValue<String, AvEvent>> keys = new ArrayList<>(2);
        keys.add(KeyValue.pair("threat:" + e.threat(), e));
        if (e.sha256() != null) {
            keys.add(KeyValue.pair("sha256:" + e.sha256(), e));
        }
        return keys;
    }
}
