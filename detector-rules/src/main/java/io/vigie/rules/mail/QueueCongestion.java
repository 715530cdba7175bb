package io.vigie.rules.mail;

import io.vigie.core.model.QueueStatus;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.QueueCongestionDetection.History;
import io.vigie.rules.mail.QueueCongestionDetection.Sample;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue-congestion decisions, without Kafka: too many deferred messages, a deferred backlog growing fast,
 * or a message stuck for too long. State: the host's deferred counts over the growth window ({@link History}). Run by
 * {@link QueueCongestionDetection} in the engine (state keyed by host and source, {@link #stateKey}) and by
 * {@link OfflineMailFlow} in memory.
 */
final class QueueCongestion implements Decision<History, QueueStatus, Alert> {

    static final AlertRule BACKLOG = new AlertRule(
            "vigie.mail.queue.deferred-backlog",
            "Mail queue: deferred backlog over threshold",
            "Many messages are waiting in the Postfix queue after a temporary delivery failure.",
            AlertLevel.MEDIUM,
            List.of("email"),
            "vigie.mail",
            List.of(
                    "Look at the deferral reasons and destination domains in the alert: one domain means a partner "
                            + "outage, many domains with 'blocked'/'spam' replies mean the hospital is blocklisted.",
                    "If the hospital is blocklisted, look for a compromised account sending spam (see the outbound "
                            + "volume alerts) and disable it; revoke its sessions.",
                    "Check the queue with 'postqueue -p' / 'qshape deferred' on the host."));
    static final AlertRule GROWTH = new AlertRule(
            "vigie.mail.queue.deferred-growth",
            "Mail queue: deferred backlog growing fast",
            "The number of deferred messages grew by more than the threshold within the window.",
            AlertLevel.HIGH,
            List.of("email"),
            "vigie.mail",
            BACKLOG.response());
    static final AlertRule OLDEST = new AlertRule(
            "vigie.mail.queue.oldest-message",
            "Mail queue: message stuck for too long",
            "A message has been waiting in the queue for longer than the threshold.",
            AlertLevel.LOW,
            List.of("email"),
            "vigie.mail",
            List.of(
                    "Find the message with 'postqueue -p' and read its deferral reason.",
                    "Tell the sender if it will expire; fix the destination (DNS, TLS, partner outage)."));

    private final QueueConfig config;

    QueueCongestion(final QueueConfig config) {
        this.config = config;
    }

    /** The key a host's history is kept under: one history per host and source (logs, {@code postqueue}). */
    static String stateKey(final QueueStatus status) {
        return status.host() + '|' + status.source();
    }

    /** Notes one observation of a host's queue in the state kept where given; the alerts it raises. */
    List<Alert> observe(final KeyedState<History> state, final QueueStatus status) {
        return applyTo(state, stateKey(status), status);
    }

    /** Notes one observation of a host's queue; the alerts it raises (none, or one per condition met). */
    @Override
    public Outcome<History, Alert> decide(final String key, final History previous, final QueueStatus status) {
        final List<Sample> samples = previous == null ? new ArrayList<>() : new ArrayList<>(previous.samples());
        final Instant cutoff = status.time().minus(config.growthWindow());
        samples.removeIf(sample -> sample.time().isBefore(cutoff));
        final long lowest = samples.stream().mapToLong(Sample::deferred).min().orElse(status.deferred());
        samples.add(new Sample(status.time(), status.deferred()));

        final List<Alert> alerts = new ArrayList<>(1);
        if (status.deferred() > config.deferredBacklogThreshold()) {
            alerts.add(alert(
                    BACKLOG.raise(
                            status.time(),
                            status.host(),
                            hourOf(status.time()),
                            "%d deferred messages on %s (threshold %d)"
                                    .formatted(status.deferred(), status.host(), config.deferredBacklogThreshold())),
                    status));
        }
        final long growth = status.deferred() - lowest;
        if (growth > config.deferredGrowthThreshold()) {
            alerts.add(alert(
                    GROWTH.raise(
                                    status.time(),
                                    status.host(),
                                    hourOf(status.time()),
                                    "deferred backlog on %s grew by %d within %s"
                                            .formatted(status.host(), growth, humanDuration(config.growthWindow())))
                            .observed("growth", growth)
                            .observed(
                                    "growth_window_seconds",
                                    config.growthWindow().toSeconds()),
                    status));
        }
        if (status.oldestQueuedSeconds() > config.oldestMessageAge().toSeconds()) {
            alerts.add(alert(
                    OLDEST.raise(
                                    status.time(),
                                    status.host(),
                                    hourOf(status.time()),
                                    "a message has been queued on %s for %s (threshold %s)"
                                            .formatted(
                                                    status.host(),
                                                    humanDuration(Duration.ofSeconds(status.oldestQueuedSeconds())),
                                                    humanDuration(config.oldestMessageAge())))
                            .observed("oldest_by_domain_seconds", status.oldestByDomain()),
                    status));
        }
        return Outcome.put(new History(samples), alerts);
    }

    private static Alert alert(final AlertRule.Builder alert, final QueueStatus status) {
        return alert.source("address", status.host())
                .observed("source", status.source())
                .observed("queued", status.queued())
                .observed("deferred", status.deferred())
                .observed("oldest_queued_seconds", status.oldestQueuedSeconds())
                .observed("deferred_by_domain", status.deferredByDomain())
                .observed("deferred_by_reason", status.deferredByReason())
                .related("hosts", List.of(status.host()))
                .build();
    }

    private static Instant hourOf(final Instant time) {
        return Instant.ofEpochSecond(time.getEpochSecond() / 3600 * 3600);
    }

    static String humanDuration(final Duration d) {
        if (d.toMinutes() < 1) {
            return d.toSeconds() + "s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "min";
        }
        return d.toHours() + "h" + (d.toMinutesPart() == 0 ? "" : String.format("%02d", d.toMinutesPart()));
    }
}
