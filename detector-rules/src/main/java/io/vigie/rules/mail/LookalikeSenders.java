package io.vigie.rules.mail;

import io.vigie.core.model.MailMessage;
import io.vigie.core.model.ReportedMail;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.intel.IntelFeeds;
import io.vigie.rules.mail.LookalikeSenderDetection.Sighting;
import io.vigie.rules.report.UserReports;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Look-alike sender domains, from the messages and the reported mails to alerts and indicators.
 *
 * <p>Input: {@code events.mail} (every message Postfix logged, refusals included: those that came from outside are
 * judged on their envelope sender's domain) and {@code events.reports} (a reported mail's From). Both are read back
 * from their topics, so that this rule depends on neither part's insides. The few sightings of a look-alike domain
 * are keyed by the domain ({@code lookalike-sightings-by-domain}) and go through {@link LookalikeSenderDetection}.
 * Output: the alerts, returned to the caller, and the domains as {@code host} indicators on {@code intel.indicators}
 * (source {@code detection:vigie.mail.lookalike-sender}), which the proxy's intel match and retro-hunt, and the
 * quarantine campaigns, then read.
 */
public final class LookalikeSenders {

    private static final JsonSerde<Sighting> SIGHTING_SERDE = JsonSerde.internal(Sighting.class);

    private LookalikeSenders() {}

    /** Adds the rule to the builder and returns its alerts (not yet throttled). */
    public static KStream<String, Alert> addTo(final StreamsBuilder builder, final RulesConfig config) {
        final TopicNames topics = config.topics();
        final LookalikeSender rule = new LookalikeSender(config);
        final KStream<String, Sighting> fromMessages = builder.stream(
                        topics.mailMessages(),
                        Consumed.with(Serdes.String(), PostfixMailFlow.MESSAGE_SERDE)
                                .withName("lookalike-mail-messages-source"))
                .flatMapValues(
                        (MailMessage m) -> rule.sighting(m).stream().toList(), Named.as("lookalike-envelope-senders"));
        final KStream<String, Sighting> fromReports = builder.stream(
                        topics.reports(),
                        Consumed.with(Serdes.String(), UserReports.REPORT_SERDE).withName("lookalike-reports-source"))
                .flatMapValues(
                        (ReportedMail r) -> rule.sighting(r).stream().toList(), Named.as("lookalike-reported-senders"));

        builder.addStateStore(LookalikeSenderDetection.storeBuilder());
        final KStream<String, LookalikeSender.Verdict> verdicts = fromMessages
                .merge(fromReports, Named.as("lookalike-sightings"))
                .selectKey((key, sighting) -> sighting.match().domain(), Named.as("lookalike-key-by-domain"))
                .repartition(
                        Repartitioned.with(Serdes.String(), SIGHTING_SERDE).withName("lookalike-sightings-by-domain"))
                .process(
                        () -> LookalikeSenderDetection.processor(new LookalikeSender(config)),
                        Named.as("lookalike-sender"),
                        LookalikeSenderDetection.STORE);
        verdicts.map(
                        (domain, verdict) -> KeyValue.pair(verdict.indicator().key(), verdict.indicator()),
                        Named.as("lookalike-indicator"))
                .to(
                        topics.indicators(),
                        Produced.with(Serdes.String(), IntelFeeds.INDICATOR_SERDE)
                                .withName("lookalike-indicators-sink"));
        return verdicts.mapValues(LookalikeSender.Verdict::alert, Named.as("lookalike-alert"));
    }
}
