package io.vigie.rules.intel;

import io.vigie.core.model.Indicator;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.store.GlobalStores;
import io.vigie.rules.store.QueryableStores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The threat-intelligence table. Every indicator published on {@code intel.indicators} (by the feeds, the
 * API, other detections) goes through the {@link IndicatorRegistry}; what changed is written to the
 * compacted {@code state.intel}, which every instance loads into the global store {@value QueryableStores#INTEL} that the
 * proxy matching reads. Indicators seen for the first time are returned: they start the retro-hunt.
 */
public final class ThreatIntel {

    private ThreatIntel() {}

    public static KStream<String, Indicator> addTo(final StreamsBuilder builder, final TopicNames topics) {
        IntelFeeds.addTo(builder, topics);
        builder.addStateStore(IndicatorRegistry.storeBuilder());
        final KStream<String, IndicatorRegistry.Change> changes = builder.stream(
                        topics.indicators(),
                        Consumed.with(Serdes.String(), IntelFeeds.INDICATOR_SERDE)
                                .withName("intel-indicators-source"))
                .filter(
                        (key, indicator) -> indicator != null && indicator.kind() != null && indicator.value() != null,
                        Named.as("intel-valid"))
                // Any producer may write here (API, other detections): key by indicator whatever they sent.
                .selectKey((key, indicator) -> indicator.key(), Named.as("intel-key-by-indicator"))
                .repartition(Repartitioned.with(Serdes.String(), IntelFeeds.INDICATOR_SERDE)
                        .withName("intel-by-key"))
                .process(IndicatorRegistry::new, Named.as("intel-registry"), IndicatorRegistry.STORE);
        changes.mapValues(IndicatorRegistry.Change::indicator, Named.as("intel-changed"))
                .to(
                        topics.intelState(),
                        Produced.with(Serdes.String(), IntelFeeds.INDICATOR_SERDE)
                                .withName("intel-state-sink"));
        GlobalStores.keyValue(
                builder, QueryableStores.INTEL, topics.intelState(), IntelFeeds.INDICATOR_SERDE, "intel-state-source");
        return changes.filter((key, change) -> change.isNew(), Named.as("intel-new-only"))
                .mapValues(IndicatorRegistry.Change::indicator, Named.as("intel-new"));
    }
}
