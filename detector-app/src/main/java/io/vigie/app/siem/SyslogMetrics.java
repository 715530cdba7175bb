package io.vigie.app.siem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The forwarder's meters, rendered in Prometheus as {@code vigie_siem_syslog_sent_total},
 * {@code vigie_siem_syslog_errors_total} and {@code vigie_siem_syslog_last_success_timestamp_seconds}.
 */
final class SyslogMetrics {

    private final Counter sent;
    private final Counter errors;
    private final AtomicLong lastSuccessMillis = new AtomicLong();

    SyslogMetrics(final MeterRegistry registry) {
        sent = Counter.builder("vigie.siem.syslog.sent")
                .description("Alerts written and flushed to the syslog receiver (a resent alert counts again)")
                .register(registry);
        errors = Counter.builder("vigie.siem.syslog.errors")
                .description("Failed attempts to connect to or write to the syslog receiver")
                .register(registry);
        // 0 until the first success: an alert on "time() - x > threshold" then fires for a forwarder that never worked.
        Gauge.builder("vigie.siem.syslog.last.success.timestamp.seconds", lastSuccessMillis, ms -> ms.get() / 1000.0)
                .description("Unix time of the last batch of alerts written to the syslog receiver and committed")
                .strongReference(true)
                .register(registry);
    }

    void sent(final int count) {
        sent.increment(count);
    }

    void error() {
        errors.increment();
    }

    void success(final Instant at) {
        lastSuccessMillis.set(at.toEpochMilli());
    }
}
