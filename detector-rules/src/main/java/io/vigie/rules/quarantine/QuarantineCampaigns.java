package io.vigie.rules.quarantine;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.parse.LogParser;
import io.vigie.core.parse.quarantine.MailLogDecisions;
import io.vigie.core.parse.quarantine.QuarantineLine;
import io.vigie.core.parse.quarantine.QuarantineParsers;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Mail quarantine campaigns, from the gateway's decisions to alerts.
 *
 * <ol>
 *   <li>{@code raw.quarantine}: Amavis lines, rspamd history or log lines, a gateway's JSON export
 *       ({@code quarantine.format}); and the decisions a shipped {@code mail.log} carries on {@code raw.postfix}:
 *       Postfix's {@code hold} actions and amavis's content decisions ({@code MailLogDecisions}).</li>
 *   <li>Each quarantined message is keyed by each of its traits (attachment hash, normalised subject, sender
 *       domain, link domain, and the indicators from reported mails it carries) and counted in that trait's
 *       sliding window by {@link CampaignDetection}.</li>
 * </ol>
 */
public final class QuarantineCampaigns {

    private static final JsonSerde<Campaign.Message> MESSAGE_SERDE = JsonSerde.internal(Campaign.Message.class);

    private QuarantineCampaigns() {}

    /**
     * @param postfixLines the parsed Postfix lines (their {@code hold} actions are quarantine decisions)
     * @param intelStore   the global intel store, for the indicators of reported mails
     */
    public static KStream<String, Alert> addTo(
            final StreamsBuilder builder,
            final RulesConfig config,
            final KStream<String, PostfixEvent> postfixLines,
            final String intelStore) {
        final TopicNames topics = config.topics();
        final LogParser<QuarantineLine> parser =
                QuarantineParsers.byName(config.quarantine().format(), config.clock(), config.zone());
        final KStream<String, String> raw = builder.stream(
                topics.rawQuarantine(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("quarantine-raw-source"));
        final KStream<String, QuarantineEvent> fromGateway = ParsingStep.parseLines(
                        raw,
                        "quarantine",
                        (key, line, timestamp) -> List.of(parser.parse(line)),
                        line -> line.event() == null ? null : line.event().time(),
                        topics.dlq())
                .filter((key, line) -> line.event() != null, Named.as("quarantine-decisions-only"))
                .mapValues(QuarantineLine::event, Named.as("quarantine-decision"));
        final MailLogDecisions mailLog = new MailLogDecisions();
        final KStream<String, QuarantineEvent> held = postfixLines
                .mapValues(mailLog::decision, Named.as("postfix-hold-adapt"))
                .filter((key, hold) -> hold.isPresent(), Named.as("postfix-holds-only"))
                .mapValues(Optional::get, Named.as("postfix-hold-event"));

        final CampaignTraits traits =
                new CampaignTraits(config.quarantine().ignoredSenderDomains(), config.internalDomains());
        builder.addStateStore(CampaignDetection.storeBuilder());
        return fromGateway
                .merge(held, Named.as("quarantine-all"))
                .process(
                        () -> new CampaignTraitsProcessor(traits, config.internalDomains(), intelStore),
                        Named.as("quarantine-traits"))
                .repartition(Repartitioned.with(Serdes.String(), MESSAGE_SERDE).withName("quarantine-by-trait"))
                .process(
                        () -> CampaignDetection.processor(
                                config.quarantine().campaignMessages(),
                                config.quarantine().campaignWindow().toMillis()),
                        Named.as("quarantine-campaigns"),
                        CampaignDetection.STORE);
    }
}
