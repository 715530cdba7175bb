package io.vigie.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state of one Postfix host's queue, either computed from the messages in flight in the logs
 * ({@code source = logs}) or read from a {@code postqueue -j} snapshot ({@code source = postqueue}).
 *
 * @param host              the Postfix host
 * @param source            logs or postqueue
 * @param time              when it was observed (event time)
 * @param queued            messages in the queue
 * @param deferred          messages with at least one deferred recipient (postqueue: in the deferred queue)
 * @param active            postqueue only: messages in the active queue
 * @param hold              postqueue only: messages on hold
 * @param oldestQueuedSeconds age of the oldest queued message
 * @param deferredByDomain  deferred recipients per destination domain (top entries only)
 * @param deferredByReason  deferred recipients per reason (top entries only)
 * @param oldestByDomain    age in seconds of the oldest queued message per destination domain (top entries only)
 * @param delayPercentiles  delivery delay percentiles over the last interval (p50, p90, p99, max), logs only
 * @param deliveries        deliveries seen over the last interval, logs only
 */
public record QueueStatus(
        String host,
        String source,
        Instant time,
        long queued,
        long deferred,
        long active,
        long hold,
        long oldestQueuedSeconds,
        Map<String, Long> deferredByDomain,
        Map<String, Long> deferredByReason,
        Map<String, Long> oldestByDomain,
        Map<String, Double> delayPercentiles,
        long deliveries,
        List<String> notes) {}
