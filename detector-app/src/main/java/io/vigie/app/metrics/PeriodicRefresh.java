package io.vigie.app.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a gauge refresh on its own daemon thread at a fixed delay. A refresh that throws (the stores are
 * unavailable while Kafka Streams rebalances) leaves the gauges at their last values until the next round, and
 * {@link RefreshFailures} says when that lasts: a scheduled task that throws would never run again.
 */
public final class PeriodicRefresh implements AutoCloseable {

    private final ScheduledExecutorService executor;

    private PeriodicRefresh(final String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts refreshing now, then every {@code periodSeconds}. */
    public static PeriodicRefresh every(final long periodSeconds, final String threadName, final Runnable refresh) {
        final PeriodicRefresh periodic = new PeriodicRefresh(threadName);
        final RefreshFailures failures = new RefreshFailures(threadName);
        periodic.executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        refresh.run();
                        failures.succeeded();
                    } catch (final RuntimeException e) {
                        failures.failed(e);
                    }
                },
                0,
                periodSeconds,
                TimeUnit.SECONDS);
        return periodic;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
