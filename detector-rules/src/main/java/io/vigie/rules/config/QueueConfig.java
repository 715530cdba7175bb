package io.vigie.rules.config;

import java.time.Duration;

/**
 * Queue congestion thresholds.
 *
 * @param deferredBacklogThreshold  alert when more messages than this are waiting after a deferral
 * @param deferredGrowthThreshold   alert when the deferred backlog grew by more than this ...
 * @param growthWindow              ... within this window
 * @param oldestMessageAge          alert when a message has been queued for longer than this
 * @param statusInterval            how often the queue state is computed from the in-flight messages
 */
public record QueueConfig(
        long deferredBacklogThreshold,
        long deferredGrowthThreshold,
        Duration growthWindow,
        Duration oldestMessageAge,
        Duration statusInterval) {

    public static QueueConfig defaults() {
        return new QueueConfig(200, 100, Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofSeconds(30));
    }
}
