package io.vigie.app.dmarc.imap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The poller's meters. Labels are bounded (two outcomes), so the series count is fixed. The names render
 * in Prometheus as {@code vigie_dmarc_imap_messages_total{outcome}}, {@code vigie_dmarc_imap_poll_errors_total},
 * {@code vigie_dmarc_imap_last_success_timestamp_seconds} and {@code vigie_dmarc_imap_polling} (1 on the instance
 * whose turn it is, 0 on the others).
 */
final class ImapPollerMetrics {

    private final Counter archived;
    private final Counter rejected;
    private final Counter pollErrors;
    private final AtomicLong lastSuccessMillis = new AtomicLong();
    private final AtomicLong polling = new AtomicLong();

    ImapPollerMetrics(final MeterRegistry registry) {
        archived = Counter.builder("vigie.dmarc.imap.messages")
                .tag("outcome", "archived")
                .description("DMARC mailbox messages forwarded to Kafka and archived")
                .register(registry);
        rejected = Counter.builder("vigie.dmarc.imap.messages")
                .tag("outcome", "rejected")
                .description("DMARC mailbox messages refused (dead letter) and moved aside")
                .register(registry);
        pollErrors = Counter.builder("vigie.dmarc.imap.poll.errors")
                .description("DMARC mailbox polls that failed or stopped early")
                .register(registry);
        // 0 until the first success: an alert on "time() - x > threshold" then fires for a poller that never worked.
        Gauge.builder("vigie.dmarc.imap.last.success.timestamp.seconds", lastSuccessMillis, ms -> ms.get() / 1000.0)
                .description("Unix time of the last poll that went through the whole folder")
                .strongReference(true)
                .register(registry);
        Gauge.builder("vigie.dmarc.imap.polling", polling, AtomicLong::get)
                .description("1 when this instance polls the DMARC mailbox, 0 when another instance does")
                .strongReference(true)
                .register(registry);
    }

    void polling(final boolean mine) {
        polling.set(mine ? 1 : 0);
    }

    void archived() {
        archived.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void pollError() {
        pollErrors.increment();
    }

    void success(final Instant at) {
        lastSuccessMillis.set(at.toEpochMilli());
    }
}
