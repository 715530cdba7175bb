package io.vigie.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what a (re)start spends restoring state stores from their changelogs, the part of a restart that grows with
 * the state: {@code vigie_state_restoring_partitions} (how many changelog partitions are being restored now),
 * {@code vigie_state_restored_records_total}, and one log line when a round of restoration ends ("State restored: N
 * records in S s over P changelog partitions"), which {@code bench/recovery-time.sh} reads. While it is non-zero the
 * engine does not process: an operator wondering why nothing moves after a restart sees why.
 */
public final class StateRestoreProgress implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(StateRestoreProgress.class);

    private final AtomicInteger restoring = new AtomicInteger();
    private final Counter restored;
    // one round: from the first partition starting to restore to the last one finishing
    private final AtomicLong roundStartNanos = new AtomicLong();
    private final AtomicLong roundRecords = new AtomicLong();
    private final AtomicInteger roundPartitions = new AtomicInteger();

    public StateRestoreProgress(final MeterRegistry registry) {
        Gauge.builder("vigie.state.restoring.partitions", restoring, AtomicInteger::get)
                .description("Changelog partitions being restored into state stores; the engine waits for them")
                .register(registry);
        this.restored = Counter.builder("vigie.state.restored.records")
                .description("Records restored from changelogs into state stores since the start")
                .register(registry);
    }

    @Override
    public void onRestoreStart(
            final TopicPartition partition,
            final String storeName,
            final long startingOffset,
            final long endingOffset) {
        if (restoring.getAndIncrement() == 0) {
            roundStartNanos.set(System.nanoTime());
            roundRecords.set(0);
            roundPartitions.set(0);
        }
        if (endingOffset - startingOffset > 100_000) {
            LOG.info(
                    "Restoring store {} from {} ({} records to read)",
                    storeName,
                    partition,
                    endingOffset - startingOffset);
        }
    }

    @Override
    public void onBatchRestored(
            final TopicPartition partition, final String storeName, final long batchEndOffset, final long numRestored) {
        restored.increment(numRestored);
        roundRecords.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(final TopicPartition partition, final String storeName, final long totalRestored) {
        roundPartitions.incrementAndGet();
        endOne();
    }

    @Override
    public void onRestoreSuspended(final TopicPartition partition, final String storeName, final long totalRestored) {
        // the partition moved to another instance mid-restoration: it no longer holds this one up
        endOne();
    }

    private void endOne() {
        if (restoring.decrementAndGet() == 0) {
            LOG.info(String.format(
                    java.util.Locale.ROOT,
                    "State restored: %d records in %.1f s over %d changelog partitions",
                    roundRecords.get(),
                    (System.nanoTime() - roundStartNanos.get()) / 1e9,
                    roundPartitions.get()));
        }
    }
}
