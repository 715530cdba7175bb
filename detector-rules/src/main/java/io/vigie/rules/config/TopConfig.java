package io.vigie.rules.config;

import java.time.Duration;
import java.util.Set;

/**
 * Rolling top-N settings.
 *
 * @param size            how many entries each list keeps (20, as the CERT sheet asks)
 * @param windows         which windows to maintain
 * @param hourAdvance     the rolling hour is a 60-minute window that advances by this step
 * @param grace           how long after a window's end late lines are still counted
 * @param publishInterval how often changed top lists are published (wall-clock)
 */
public record TopConfig(
        int size, Set<TopWindow> windows, Duration hourAdvance, Duration grace, Duration publishInterval) {

    public static TopConfig defaults() {
        return new Builder()
                .size(20)
                .windows(Set.of(TopWindow.DAY, TopWindow.HOUR))
                .hourAdvance(Duration.ofMinutes(10))
                .grace(Duration.ofMinutes(5))
                .publishInterval(Duration.ofSeconds(1))
                .build();
    }

    public TopConfig {
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("mail.top.size must be between 1 and 1000, got " + size);
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("mail.top.windows must name at least one window");
        }
        if (hourAdvance.isZero()
                || hourAdvance.isNegative()
                || Duration.ofHours(1).toMillis() % hourAdvance.toMillis() != 0) {
            throw new IllegalArgumentException("mail.top.hour-advance must divide one hour, got " + hourAdvance);
        }
        windows = Set.copyOf(windows);
    }

    /** The windows a top list can be kept over. */
    public enum TopWindow {
        /** The calendar day in the configured time zone. */
        DAY,
        /** The last hour, as a hopping window. */
        HOUR,
        /** Everything the input covers, whatever its length: what {@code vigie analyze} and pflogsumm report. */
        PERIOD
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named steps over the settings: a call site says which value is which. */
    public static final class Builder {
        private int size;
        private Set<TopWindow> windows;
        private Duration hourAdvance;
        private Duration grace;
        private Duration publishInterval;

        private Builder() {}

        private Builder(final TopConfig config) {
            size = config.size();
            windows = config.windows();
            hourAdvance = config.hourAdvance();
            grace = config.grace();
            publishInterval = config.publishInterval();
        }

        public Builder size(final int value) {
            this.size = value;
            return this;
        }

        public Builder windows(final Set<TopWindow> value) {
            this.windows = value;
            return this;
        }

        public Builder hourAdvance(final Duration value) {
            this.hourAdvance = value;
            return this;
        }

        public Builder grace(final Duration value) {
            this.grace = value;
            return this;
        }

        public Builder publishInterval(final Duration value) {
            this.publishInterval = value;
            return this;
        }

        public TopConfig build() {
            return new TopConfig(size, windows, hourAdvance, grace, publishInterval);
        }
    }
}
