package io.vigie.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Kafka Streams' store metrics of every store type under one name must all reach Prometheus. */
class StateStoreTagsTest {

    private static final String NAME = "kafka.stream.state.num.running.flushes";

    @Test
    void shouldExportTheMetricsOfKeyValueAndWindowStoresUnderOneTagLayout() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StateStoreTags());
        registerBothStoreTypes(registry);

        assertThat(registry.scrape())
                .contains(
                        "kafka_stream_state_num_running_flushes{state_id=\"dmarc-seen-rows\",task_id=\"3_0\"} 1.0",
                        "kafka_stream_state_num_running_flushes{state_id=\"proxy-contacts\",task_id=\"5_0\"} 2.0");
    }

    @Test
    void shouldLoseTheSecondStoreTypeWithoutTheFilterAsPrometheusRefusesTwoTagLayouts() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registerBothStoreTypes(registry);

        assertThat(registry.scrape())
                .contains("rocksdb_state_id=\"dmarc-seen-rows\"")
                .doesNotContain("proxy-contacts");
    }

    @Test
    void shouldLeaveOtherMetricsAlone() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StateStoreTags());
        Gauge.builder("kafka.stream.thread.poll.rate", () -> 3)
                .tags(Tags.of("thread.id", "t1"))
                .register(registry);

        assertThat(registry.scrape()).contains("kafka_stream_thread_poll_rate{thread_id=\"t1\"} 3.0");
    }

    private static void registerBothStoreTypes(final PrometheusMeterRegistry registry) {
        Gauge.builder(NAME, () -> 1)
                .tags(Tags.of("rocksdb.state.id", "dmarc-seen-rows", "task.id", "3_0"))
                .register(registry);
        Gauge.builder(NAME, () -> 2)
                .tags(Tags.of("rocksdb.window.state.id", "proxy-contacts", "task.id", "5_0"))
                .register(registry);
    }
}
