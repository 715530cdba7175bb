package io.vigie.rules.mail;

import java.time.Instant;
import java.util.Map;

/**
 * One assembly partition's view of a host's queue: the messages in flight that this partition
 * holds. Summed over partitions by {@link QueueStatusMerge}.
 *
 * @param host           Postfix host
 * @param partition      the assembly partition that computed it
 * @param time           stream time when computed
 * @param queued         messages queued and not yet removed
 * @param deferred       of which with a deferred recipient
 * @param oldestQueuedAt arrival of the oldest queued message, null when none
 * @param deferredByDomain deferred recipients per destination domain
 * @param deferredByReason deferred recipients per reason
 * @param oldestByDomain arrival (epoch ms) of the oldest queued message per destination domain with a deferral
 * @param delayBuckets   deliveries since the last share, per delay bucket ({@link DelayHistogram#BOUNDS})
 */
public record QueuePartial(
        String host,
        int partition,
        Instant time,
        long queued,
        long deferred,
        Instant oldestQueuedAt,
        Map<String, Long> deferredByDomain,
        Map<String, Long> deferredByReason,
        Map<String, Long> oldestByDomain,
        long[] delayBuckets) {}
