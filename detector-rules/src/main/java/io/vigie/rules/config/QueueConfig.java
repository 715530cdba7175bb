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
        return new Builder()
                .deferredBacklogThreshold(200)
                .deferredGrowthThreshold(100)
                .growthWindow(Duration.ofMinutes(30))
                .oldestMessageAge(Duration.ofHours(4))
                .statusInterval(Duration.ofSeconds(30))
                .build();
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named steps over the settings: a call site says which value is which. */
    public static final class Builder {
        private long deferredBacklogThreshold;
        private long deferredGrowthThreshold;
        private Duration growthWindow;
        private Duration oldestMessageAge;
        private Duration statusInterval;

        private Builder() {}

        private Builder(final QueueConfig config) {
            deferredBacklogThreshold = config.deferredBacklogThreshold();
            deferredGrowthThreshold = config.deferredGrowthThreshold();
            growthWindow = config.growthWindow();
            oldestMessageAge = config.oldestMessageAge();
            statusInterval = config.statusInterval();
        }

        public Builder deferredBacklogThreshold(final long value) {
            this.deferredBacklogThreshold = value;
            return this;
        }

        public Builder deferredGrowthThreshold(final long value) {
            this.deferredGrowthThreshold = value;
            return this;
        }

        public Builder growthWindow(final Duration value) {
            this.growthWindow = value;
            return this;
        }

        public Builder oldestMessageAge(final Duration value) {
            this.oldestMessageAge = value;
            return this;
        }

        public Builder statusInterval(final Duration value) {
            this.statusInterval = value;
            return this;
        }

        public QueueConfig build() {
            return new QueueConfig(
                    deferredBacklogThreshold, deferredGrowthThreshold, growthWindow, oldestMessageAge, statusInterval);
        }
    }
}
