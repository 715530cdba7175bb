package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.InternalNetworks;
import io.vigie.core.parse.proxy.ProxyLine;
import io.vigie.core.serde.BinarySerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.intel.IntelFeeds;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Proxy logs, from raw lines to alerts.
 *
 * <ol>
 *   <li>{@code raw.proxy}: one line per record, in the configured format ({@code proxy.format}, {@code auto} by
 *       default). Lines that are not access records (directives, other record types) are counted and left;
 *       unreadable ones go to {@code dlq}.</li>
 *   <li>Requests, and the new indicators coming out of the intel registry, are keyed by destination host and
 *       meet in {@link DestinationProcessor}: contacts kept for the retention, threat-intelligence match,
 *       behavioural detections, retro-hunt.</li>
 *   <li>The correlations: the {@code alerts} topic read back (by {@code DetectorTopology}, once for every part); a suspicious
 *       mail's URL hosts become lures keyed by host ({@link MailClickDetection}), an antivirus detection goes to every
 *       partition of {@code proxy-by-destination} ({@link CorrelationInputs#PARTITIONER}: the machine's contacts
 *       are spread over all destinations), both merged with the requests before that one repartition. The rare
 *       destinations of an infected machine are written to {@code intel.indicators} ({@link PossibleC2Detection}).
 *       </li>
 * </ol>
 */
public final class ProxyTraffic {

    public static final String NAME = "proxy";
    private static final BinarySerde<DestinationInput> INPUT_SERDE = ProxySerdes.INPUT;

    private ProxyTraffic() {}

    /** Every value {@code proxy.format} accepts: {@code auto}, the line formats and the vendor formats. */
    public static List<String> formats() {
        return ProxyLineReading.formats();
    }

    /**
     * What the proxy part offers the other parts.
     *
     * @param alerts   its alerts, not yet throttled
     * @param requests the parsed access records (after {@code proxy-access-only}, keyed as read): who is who reads
     *                 the address and account of each
     */
    public record Output(KStream<String, Alert> alerts, KStream<String, ProxyEvent> requests) {}

    /**
     * @param intelStore      the global store of indicators ({@link io.vigie.rules.store.QueryableStores#INTEL})
     * @param writtenAlerts   the alerts topic read back: the mail alerts' lures and the antivirus detections
     * @param identitiesStore the global store of who used which address when ({@code QueryableStores.IDENTITIES}), or null:
     *                        the correlations then know an account only by the proxy user
     */
    public static Output addTo(
            final StreamsBuilder builder,
            final RulesConfig config,
            final KStream<String, Indicator> newIndicators,
            final String intelStore,
            final KStream<String, Alert> writtenAlerts,
            final String identitiesStore) {
        final TopicNames topics = config.topics();
        final UserMapping mapping = UserMapping.of(config.identities(), config.internalDomains());
        final InternalHosts internal =
                new InternalHosts(config.internalDomains(), InternalNetworks.of(config.internalNetworks()));
        final KStream<String, String> raw = builder.stream(
                topics.rawProxy(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("proxy-raw-source"));
        final KStream<String, ProxyEvent> requests = ParsingStep.parseLines(
                        raw,
                        NAME,
                        ProxyLineReading.forFormat(config.proxy().format(), config.zone()),
                        line -> line.event() == null ? null : line.event().time(),
                        topics.dlq())
                .processValues(AccessOnly::new, Named.as("proxy-access-only"));

        final KStream<String, DestinationInput> byHost = requests.filter(
                        (key, e) -> DestinationProcessor.hostOf(e) != null, Named.as("proxy-with-host"))
                .map(
                        (key, e) -> org.apache.kafka.streams.KeyValue.pair(
                                DestinationProcessor.hostOf(e), DestinationInput.request(e)),
                        Named.as("proxy-key-by-host"))
                .merge(
                        newIndicators
                                .filter((key, i) -> DestinationProcessor.hostOf(i) != null, Named.as("intel-with-host"))
                                .map(
                                        (key, i) -> org.apache.kafka.streams.KeyValue.pair(
                                                DestinationProcessor.hostOf(i), DestinationInput.newIndicator(i)),
                                        Named.as("intel-key-by-host")),
                        Named.as("proxy-and-intel-by-host"))
                .merge(
                        writtenAlerts.process(
                                () -> new CorrelationInputs(
                                        config.proxy().correlation(), mapping, internal, identitiesStore),
                                Named.as("correlation-inputs")),
                        Named.as("proxy-intel-and-alerts-by-host"));

        builder.addStateStore(
                DestinationProcessor.contactsStoreBuilder(config.proxy().contactsRetention()));
        builder.addStateStore(DestinationProcessor.blockedStoreBuilder());
        builder.addStateStore(DestinationProcessor.summaryStoreBuilder());
        builder.addStateStore(DestinationProcessor.luresStoreBuilder());
        final List<ProxyJudgement> judgements = ProxyDetections.of(config);
        final KStream<String, DestinationOutput> out = byHost.repartition(
                        Repartitioned.with(Serdes.String(), INPUT_SERDE)
                                .withName("proxy-by-destination")
                                .withStreamPartitioner(CorrelationInputs.PARTITIONER))
                .process(
                        () -> new DestinationProcessor(
                                intelStore,
                                judgements,
                                config.proxy().contactsRetention(),
                                config.proxy().correlation(),
                                mapping,
                                internal,
                                identitiesStore),
                        Named.as("proxy-destinations"),
                        DestinationProcessor.CONTACTS_STORE,
                        DestinationProcessor.BLOCKED_STORE,
                        DestinationProcessor.SUMMARY_STORE,
                        DestinationProcessor.LURES_STORE);
        out.filter((key, o) -> o.indicator() != null, Named.as("correlation-indicators-only"))
                .mapValues(DestinationOutput::indicator, Named.as("correlation-indicator"))
                .to(
                        topics.indicators(),
                        Produced.with(Serdes.String(), IntelFeeds.INDICATOR_SERDE)
                                .withName("correlation-indicators-sink"));
        return new Output(
                out.filter((key, o) -> o.alert() != null, Named.as("proxy-alerts-only"))
                        .mapValues(DestinationOutput::alert, Named.as("proxy-alert")),
                requests);
    }

    /** Passes access records on; counts the other lines (directives, other record types) by reason. */
    private static final class AccessOnly implements FixedKeyProcessor<String, ProxyLine, ProxyEvent> {
        private FixedKeyProcessorContext<String, ProxyEvent> context;
        private ProxySensors sensors;

        @Override
        public void init(final FixedKeyProcessorContext<String, ProxyEvent> ctx) {
            this.context = ctx;
            this.sensors = new ProxySensors(ctx.metrics());
        }

        @Override
        public void process(final FixedKeyRecord<String, ProxyLine> line) {
            if (line.value().isAccess()) {
                context.forward(line.withValue(line.value().event()));
            } else {
                sensors.ignoredLine(line.value().ignoredBecause());
            }
        }
    }
}
