package io.vigie.rules;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.correlation.CompromisedAccounts;
import io.vigie.rules.incident.Incidents;
import io.vigie.core.model.AuthSession;
import io.vigie.core.model.AvEvent;
import io.vigie.core.model.Indicator;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.auth.SaslAuthentication;
import io.vigie.rules.av.Antivirus;
import io.vigie.rules.entity.Identities;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.quarantine.QuarantineCampaigns;
import io.vigie.rules.report.UserReports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.UnaryOperator;
import io.vigie.rules.dmarc.DmarcStatistics;
import io.vigie.rules.intel.ThreatIntel;
import io.vigie.rules.proxy.ProxyTraffic;
import io.vigie.rules.mail.LookalikeSenders;
import io.vigie.rules.mail.PostfixMailFlow;
import io.vigie.rules.mail.PostqueueSnapshots;
import io.vigie.rules.vpn.VpnSessions;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * Wires every detection into one topology. Pure: no I/O, so the application and the
 * {@code TopologyTestDriver} tests call the same method.
 */
public final class DetectorTopology {

    /** Queryable on every instance: the latest top-20 snapshot of each window, read from {@code state.top20}. */
    public static final String TOP20_SNAPSHOTS_STORE = "top20-snapshots";

    /** Queryable on every instance: DMARC figures per {@code domain|day}, read from {@code state.dmarc-days}. */
    public static final String DMARC_DAYS_STORE = "dmarc-days";

    /** Queryable on every instance: DMARC figures per {@code domain|ip}, read from {@code state.dmarc-sources}. */
    public static final String DMARC_SOURCES_STORE = "dmarc-sources";

    private DetectorTopology() {
    }

    public static Topology build(final RulesConfig config) {
        final StreamsBuilder builder = new StreamsBuilder();
        final List<KStream<String, PostfixEvent>> postfixLines = new ArrayList<>(1);
        final List<KStream<String, MailMessage>> mailMessages = new ArrayList<>(1);
        final KStream<String, Alert> mailAlerts = PostfixMailFlow.addTo(builder, config, postfixLines::add,
                mailMessages::add);
        PostqueueSnapshots.addTo(builder, config);
        final KStream<String, Alert> dmarcAlerts = DmarcStatistics.addTo(builder, config);
        final KStream<String, Indicator> newIndicators = ThreatIntel.addTo(builder, config.topics());
        // The correlations read the alerts already written (read once here: a topic has one source): their own
        // alerts go through the throttle like every other, so they cannot take the throttle's output.
        final KStream<String, Alert> written = builder.stream(config.topics().alerts(),
                Consumed.with(Serdes.String(), AlertThrottle.serde()).withName("alerts-written-source"));
        final List<KStream<String, ProxyEvent>> proxyRequests = new ArrayList<>(1);
        final KStream<String, Alert> proxyAlerts = ProxyTraffic.addTo(builder, config, newIndicators,
                ThreatIntel.STORE, proxyRequests::add, written, Identities.STORE);
        final KStream<String, Alert> quarantineAlerts = QuarantineCampaigns.addTo(builder, config,
                postfixLines.get(0), ThreatIntel.STORE);
        final List<KStream<String, AvEvent>> avDetections = new ArrayList<>(1);
        final KStream<String, Alert> avAlerts = Antivirus.addTo(builder, config, avDetections::add);
        final KStream<String, Alert> reportAlerts = UserReports.addTo(builder, config);
        final KStream<String, Alert> lookalikeAlerts = LookalikeSenders.addTo(builder, config);
        final KStream<String, Alert> authAlerts = SaslAuthentication.addTo(builder, config, postfixLines.get(0),
                mailMessages.get(0));
        // VPN sessions keyed by user, also written to events.auth: the identities part (issue 13) will read them here
        final KStream<String, AuthSession> vpnSessions = VpnSessions.addTo(builder, config);
        final UnaryOperator<String> accountOf = UserMapping.of(config.identities(),
                config.internalDomains())::accountOf;
        final KStream<String, Alert> accountAlerts = CompromisedAccounts.addTo(builder, vpnSessions, written,
                accountOf, CompromisedAccounts.DEFAULT_WINDOW, Identities.STORE);
        final Map<String, KStream<String, Alert>> alerts = new LinkedHashMap<>();
        alerts.put("mail", mailAlerts);
        alerts.put("dmarc", dmarcAlerts);
        alerts.put("proxy", proxyAlerts);
        alerts.put("quarantine", quarantineAlerts);
        alerts.put("av", avAlerts);
        alerts.put("reports", reportAlerts);
        alerts.put("lookalike", lookalikeAlerts);
        alerts.put("auth", authAlerts);
        alerts.put(CompromisedAccounts.NAME, accountAlerts);
        final KStream<String, Alert> sent = AlertThrottle.addTo(builder, alerts, config.alertThrottle(),
                config.topics().alerts());
        Incidents.addTo(builder, config, sent, accountOf, Identities.STORE);
        builder.globalTable(config.topics().top20State(),
                Consumed.with(Serdes.String(), PostfixMailFlow.SNAPSHOT_SERDE).withName("top20-state-source"),
                Materialized.as(TOP20_SNAPSHOTS_STORE));
        builder.globalTable(config.topics().dmarcDays(),
                Consumed.with(Serdes.String(), DmarcStatistics.DAY_SERDE).withName("dmarc-days-state-source"),
                Materialized.as(DMARC_DAYS_STORE));
        builder.globalTable(config.topics().dmarcSources(),
                Consumed.with(Serdes.String(), DmarcStatistics.SOURCE_SERDE).withName("dmarc-sources-state-source"),
                Materialized.as(DMARC_SOURCES_STORE));
        // Who is who: last, so that the sub-topologies before keep their ids (and their tasks' state directories).
        Identities.addTo(builder, config, proxyRequests.get(0), avDetections.get(0), vpnSessions);
        return builder.build();
    }

}
