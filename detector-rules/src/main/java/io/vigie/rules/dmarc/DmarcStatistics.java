package io.vigie.rules.dmarc;

import io.vigie.core.model.DmarcEvent;
import io.vigie.core.parse.DmarcPayloadExtractor;
import io.vigie.core.parse.DmarcReader;
import io.vigie.core.parse.DmarcReportParser;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.DmarcConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * DMARC aggregate reports, from the raw bytes to statistics and alerts.
 *
 * <ol>
 *   <li>{@code raw.dmarc}: one record per file or e-mail, as received (XML, gzip, zip or MIME), any key.
 *       {@link DmarcReader} finds and parses the reports; what it refuses goes to {@code dlq} with the
 *       reason and the record's topic/partition/offset.</li>
 *   <li>Each report becomes its rows ({@link DmarcEvent}), attributed to a protected domain and a day,
 *       re-keyed by that domain.</li>
 *   <li>{@link DmarcLedger} counts each row once and keeps per-day and per-source figures: rows go to
 *       {@code events.dmarc}, figures to {@code state.dmarc-days} and {@code state.dmarc-sources}
 *       (compacted; the application reads them as global tables), alerts are returned for throttling.</li>
 * </ol>
 */
public final class DmarcStatistics {

    public static final String NAME = "dmarc";
    public static final JsonSerde<DmarcEvent> EVENT_SERDE = JsonSerde.of(DmarcEvent.class);
    public static final JsonSerde<DmarcDayStats> DAY_SERDE = JsonSerde.of(DmarcDayStats.class);
    public static final JsonSerde<DmarcSourceStats> SOURCE_SERDE = JsonSerde.of(DmarcSourceStats.class);
    private static final JsonSerde<DmarcEvent> INTERNAL_EVENT_SERDE = JsonSerde.internal(DmarcEvent.class);

    private DmarcStatistics() {}

    public static KStream<String, Alert> addTo(final StreamsBuilder builder, final RulesConfig config) {
        final TopicNames topics = config.topics();
        final DmarcConfig dmarc = config.dmarc();
        final DmarcReader reader = new DmarcReader(
                new DmarcPayloadExtractor(
                        dmarc.maxReportBytes(), dmarc.maxInflatedBytes(), dmarc.maxZipEntries(), dmarc.maxMimeParts()),
                new DmarcReportParser(
                        DmarcReportParser.DEFAULT_MAX_DEPTH,
                        DmarcReportParser.DEFAULT_MAX_RECORDS,
                        dmarc.maxInflatedBytes()));
        final DmarcRows rows =
                new DmarcRows(ProtectedDomains.of(dmarc.protectedDomains(), config.internalDomains()), config.zone());
        final KStream<String, byte[]> raw = builder.stream(
                topics.rawDmarc(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("dmarc-raw-source"));
        final KStream<String, DmarcEvent> events = ParsingStep.parseAll(
                raw,
                NAME,
                (key, bytes, timestamp) -> rowsOf(reader, rows, bytes, timestamp),
                bytes -> null,
                DmarcRows::eventTime,
                topics.dlq());

        builder.addStateStore(DmarcLedger.storeBuilders().get(0));
        builder.addStateStore(DmarcLedger.storeBuilders().get(1));
        builder.addStateStore(DmarcLedger.storeBuilders().get(2));
        final Map<String, KStream<String, DmarcOutput>> outputs = events.selectKey(
                        (key, event) -> event.accountedDomain(), Named.as("dmarc-key-by-domain"))
                .repartition(Repartitioned.with(Serdes.String(), INTERNAL_EVENT_SERDE)
                        .withName("dmarc-rows-by-domain"))
                .process(
                        () -> new DmarcLedger(dmarc, config.zone()),
                        Named.as("dmarc-ledger"),
                        DmarcLedger.SEEN_STORE,
                        DmarcLedger.DAYS_STORE,
                        DmarcLedger.SOURCES_STORE)
                .split(Named.as("dmarc-output-"))
                .branch((key, out) -> out.kind() == DmarcOutput.Kind.EVENT, Branched.as("event"))
                .branch((key, out) -> out.kind() == DmarcOutput.Kind.DAY, Branched.as("day"))
                .branch((key, out) -> out.kind() == DmarcOutput.Kind.SOURCE, Branched.as("source"))
                .defaultBranch(Branched.as("alert"));
        outputs.get("dmarc-output-event")
                .mapValues(DmarcOutput::event, Named.as("dmarc-row-value"))
                .to(
                        topics.dmarcEvents(),
                        Produced.with(Serdes.String(), EVENT_SERDE).withName("dmarc-events-sink"));
        outputs.get("dmarc-output-day")
                .mapValues(DmarcOutput::day, Named.as("dmarc-day-value"))
                .to(
                        topics.dmarcDays(),
                        Produced.with(Serdes.String(), DAY_SERDE).withName("dmarc-days-sink"));
        outputs.get("dmarc-output-source")
                .mapValues(DmarcOutput::source, Named.as("dmarc-source-value"))
                .to(
                        topics.dmarcSources(),
                        Produced.with(Serdes.String(), SOURCE_SERDE).withName("dmarc-sources-sink"));
        return outputs.get("dmarc-output-alert").mapValues(DmarcOutput::alert, Named.as("dmarc-alert-value"));
    }

    /** One raw record's rows, or the reasons its reports were refused. */
    private static List<ParseResult<DmarcEvent>> rowsOf(
            final DmarcReader reader, final DmarcRows rows, final byte[] bytes, final long timestamp) {
        final List<ParseResult<DmarcEvent>> results = new ArrayList<>();
        for (final var report : reader.read(bytes)) {
            if (!report.isOk()) {
                results.add(ParseResult.failed(
                        report.error().source(),
                        report.error().reason(),
                        report.error().raw()));
                continue;
            }
            for (final DmarcEvent row : rows.of(report.value(), Instant.ofEpochMilli(timestamp))) {
                results.add(ParseResult.ok(row));
            }
        }
        return results;
    }
}
