package io.vigie.rules.report;

import io.vigie.core.model.ReportedMail;
import io.vigie.core.parse.mail.ReportedMailAnalyzer;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import io.vigie.rules.intel.IntelFeeds;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Mails reported by users, from the original bytes to an alert and indicators.
 *
 * <ol>
 *   <li>{@code raw.reports}: the reported mail exactly as received ({@code POST /api/report}, or
 *       {@code vigie ingest --source eml}), keyed by reporter, kept a year (the CERT asks for the EML intact).</li>
 *   <li>{@link ReportedMailAnalyzer} reads it; what it refuses (not a mail, too large, broken MIME) goes to
 *       {@code dlq}.</li>
 *   <li>The analysis goes to {@code events.reports}, an alert to the SIEM, and the indicators (sender domain,
 *       URLs, attachment hashes) to {@code intel.indicators}: the proxy retro-hunt looks for who went to the
 *       links, the quarantine campaigns group the messages that share them.</li>
 * </ol>
 */
public final class UserReports {

    public static final String NAME = "report";
    public static final JsonSerde<ReportedMail> REPORT_SERDE = JsonSerde.of(ReportedMail.class);
    private static final String ANONYMOUS = "anonymous";

    private UserReports() {}

    public static KStream<String, Alert> addTo(final StreamsBuilder builder, final RulesConfig config) {
        final TopicNames topics = config.topics();
        final ReportedMailAnalyzer analyzer = new ReportedMailAnalyzer();
        final KStream<String, byte[]> raw = builder.stream(
                topics.rawReports(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("report-raw-source"));
        final KStream<String, ReportedMail> reports = ParsingStep.parseAll(
                raw,
                NAME,
                (reporter, bytes, timestamp) -> List.of(analyzer.analyze(
                        bytes,
                        Instant.ofEpochMilli(timestamp),
                        reporter == null || reporter.isBlank() || ANONYMOUS.equals(reporter) ? null : reporter)),
                bytes -> null,
                ReportedMail::receivedAt,
                topics.dlq());

        reports.selectKey((reporter, m) -> m.reportId(), Named.as("report-key-by-id"))
                .to(
                        topics.reports(),
                        Produced.with(Serdes.String(), REPORT_SERDE).withName("reports-sink"));
        reports.flatMap(
                        (reporter, m) -> analyzer.indicators(m, m.receivedAt()).stream()
                                .map(i -> KeyValue.pair(i.key(), i))
                                .toList(),
                        Named.as("report-indicators"))
                .to(
                        topics.indicators(),
                        Produced.with(Serdes.String(), IntelFeeds.INDICATOR_SERDE)
                                .withName("report-indicators-sink"));
        final ReportedMailDetection detection = new ReportedMailDetection();
        return reports.mapValues(detection::alert, Named.as("report-alert"));
    }
}
