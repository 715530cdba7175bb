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
        return new TopConfig(
                20,
                Set.of(TopWindow.DAY, TopWindow.HOUR),
                Duration.ofMinutes(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(1));
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
}
