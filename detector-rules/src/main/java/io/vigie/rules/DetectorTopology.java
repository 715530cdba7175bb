package io.vigie.rules;

import io.vigie.core.model.AuthSession;
import io.vigie.core.model.Indicator;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.auth.SaslAuthentication;
import io.vigie.rules.av.Antivirus;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.correlation.CompromisedAccounts;
import io.vigie.rules.dmarc.DmarcStatistics;
import io.vigie.rules.entity.Identities;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.incident.Incidents;
import io.vigie.rules.intel.ThreatIntel;
import io.vigie.rules.mail.LookalikeSenders;
import io.vigie.rules.mail.PostfixMailFlow;
import io.vigie.rules.mail.PostqueueSnapshots;
import io.vigie.rules.proxy.ProxyTraffic;
import io.vigie.rules.quarantine.QuarantineCampaigns;
import io.vigie.rules.report.UserReports;
import io.vigie.rules.store.QueryableStores;
import io.vigie.rules.vpn.VpnSessions;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * Wires every part into one topology. Pure: no I/O, so the application and the {@code TopologyTestDriver} tests call
 * the same method.
 *
 * <p>Each part returns what it offers the others (its alerts, and the streams another part reads) and is given what
 * it reads from them; the alerts of every part meet in the throttle, then the incidents. Parts are added in a fixed
 * order: Kafka Streams numbers the sub-topologies (and so the tasks and their state directories) in the order their
 * sources are added, so a new part goes last ({@code TopologyDescriptionTest} holds the committed description).
 */
public final class DetectorTopology {

    private DetectorTopology() {}

    public static Topology build(final RulesConfig config) {
        final StreamsBuilder builder = new StreamsBuilder();
        final TopicNames topics = config.topics();
        final PostfixMailFlow.Output mail = PostfixMailFlow.addTo(builder, config);
        // postqueue snapshots reach the mail flow's congestion rule through its queue status topic
        PostqueueSnapshots.addTo(builder, config, mail.queueStatusTopic());
        final KStream<String, Alert> dmarc = DmarcStatistics.addTo(builder, config);
        final KStream<String, Indicator> newIndicators = ThreatIntel.addTo(builder, topics);
        // The correlations read the alerts already written (read once here: a topic has one source): their own
        // alerts go through the throttle like every other, so they cannot take the throttle's output.
        final KStream<String, Alert> written = builder.stream(
                topics.alerts(),
                Consumed.with(Serdes.String(), AlertThrottle.serde()).withName("alerts-written-source"));
        final ProxyTraffic.Output proxy = ProxyTraffic.addTo(
                builder, config, newIndicators, QueryableStores.INTEL, written, QueryableStores.IDENTITIES);
        final KStream<String, Alert> quarantine =
                QuarantineCampaigns.addTo(builder, config, mail.lines(), QueryableStores.INTEL);
        final Antivirus.Output av = Antivirus.addTo(builder, config);
        final KStream<String, Alert> reports = UserReports.addTo(builder, config);
        final KStream<String, Alert> lookalike = LookalikeSenders.addTo(builder, config);
        final KStream<String, Alert> auth = SaslAuthentication.addTo(builder, config, mail.lines(), mail.messages());
        final KStream<String, AuthSession> vpnSessions = VpnSessions.addTo(builder, config);
        final UnaryOperator<String> accountOf =
                UserMapping.of(config.identities(), config.internalDomains())::accountOf;
        final KStream<String, Alert> accounts = CompromisedAccounts.addTo(
                builder,
                vpnSessions,
                written,
                accountOf,
                CompromisedAccounts.DEFAULT_WINDOW,
                QueryableStores.IDENTITIES);

        // A part's name names its repartition topic before the throttle: never rename one.
        final List<PartAlerts> alerts = List.of(
                new PartAlerts("mail", mail.alerts()),
                new PartAlerts("dmarc", dmarc),
                new PartAlerts("proxy", proxy.alerts()),
                new PartAlerts("quarantine", quarantine),
                new PartAlerts("av", av.alerts()),
                new PartAlerts("reports", reports),
                new PartAlerts("lookalike", lookalike),
                new PartAlerts("auth", auth),
                new PartAlerts(CompromisedAccounts.NAME, accounts));
        final KStream<String, Alert> sent =
                AlertThrottle.addTo(builder, alerts, config.alertThrottle(), topics.alerts());
        Incidents.addTo(builder, config, sent, accountOf, QueryableStores.IDENTITIES);
        addStatisticsTables(builder, topics);
        // Who is who: last, so that the sub-topologies before keep their ids (and their tasks' state directories).
        Identities.addTo(builder, config, proxy.requests(), av.detections(), vpnSessions);
        return builder.build();
    }

    /** The statistics the API and the status page read, loaded on every instance from their compacted topics. */
    private static void addStatisticsTables(final StreamsBuilder builder, final TopicNames topics) {
        builder.globalTable(
                topics.top20State(),
                Consumed.with(Serdes.String(), PostfixMailFlow.SNAPSHOT_SERDE).withName("top20-state-source"),
                Materialized.as(QueryableStores.TOP20_SNAPSHOTS));
        builder.globalTable(
                topics.dmarcDays(),
                Consumed.with(Serdes.String(), DmarcStatistics.DAY_SERDE).withName("dmarc-days-state-source"),
                Materialized.as(QueryableStores.DMARC_DAYS));
        builder.globalTable(
                topics.dmarcSources(),
                Consumed.with(Serdes.String(), DmarcStatistics.SOURCE_SERDE).withName("dmarc-sources-state-source"),
                Materialized.as(QueryableStores.DMARC_SOURCES));
    }
}
