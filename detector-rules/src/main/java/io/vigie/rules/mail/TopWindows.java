package io.vigie.rules.mail;

import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Assigns an event time to the top-list windows it belongs to. */
public final class TopWindows {

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final TopConfig config;
    private final ZoneId zone;

    public TopWindows(final TopConfig config, final ZoneId zone) {
        this.config = config;
        this.zone = zone;
    }

    /** One window: id, kind, start and end (both null for the period window). */
    public record Window(String id, String kind, Instant start, Instant end) {

        public boolean closesBefore(final long streamTime, final Duration grace) {
            return end != null && end.toEpochMilli() + grace.toMillis() <= streamTime;
        }
    }

    public static String dayId(final LocalDate day) {
        return "day:" + day;
    }

    public static String hourId(final Instant start) {
        return "hour:" + start;
    }

    public List<Window> windowsOf(final Instant time) {
        final List<Window> windows =
                new ArrayList<>(2 + (int) (HOUR_MILLIS / config.hourAdvance().toMillis()));
        if (config.windows().contains(TopWindow.PERIOD)) {
            windows.add(new Window("period", kindName(TopWindow.PERIOD), null, null));
        }
        if (config.windows().contains(TopWindow.DAY)) {
            final LocalDate day = time.atZone(zone).toLocalDate();
            windows.add(new Window(
                    dayId(day),
                    kindName(TopWindow.DAY),
                    day.atStartOfDay(zone).toInstant(),
                    day.plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (config.windows().contains(TopWindow.HOUR)) {
            final long advance = config.hourAdvance().toMillis();
            final long t = time.toEpochMilli();
            final long lastStart = Math.floorDiv(t, advance) * advance;
            for (long start = lastStart; start > t - HOUR_MILLIS; start -= advance) {
                final Instant from = Instant.ofEpochMilli(start);
                windows.add(new Window(hourId(from), kindName(TopWindow.HOUR), from, from.plusMillis(HOUR_MILLIS)));
            }
        }
        return windows;
    }

    /**
     * A memo of {@link #windowsOf} for one processor (not thread-safe): the windows of a time stay the same until
     * the next hour step or day boundary, and a count's windows were computed, and their ids built and hashed, for
     * every count. Returns the same list, the same {@code Window} and id instances, while the time stays in range.
     */
    public Memo memo() {
        return new Memo();
    }

    /** See {@link #memo()}. */
    public final class Memo {
        private long validFrom = Long.MAX_VALUE;
        private long validTo = Long.MIN_VALUE;
        private List<Window> windows = List.of();

        public List<Window> windowsOf(final Instant time) {
            final long t = time.toEpochMilli();
            if (t >= validFrom && t < validTo) {
                return windows;
            }
            windows = List.copyOf(TopWindows.this.windowsOf(time));
            long from = Long.MIN_VALUE;
            long to = Long.MAX_VALUE;
            if (config.windows().contains(TopWindow.DAY)) {
                final LocalDate day = time.atZone(zone).toLocalDate();
                from = day.atStartOfDay(zone).toInstant().toEpochMilli();
                to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            }
            if (config.windows().contains(TopWindow.HOUR)) {
                final long advance = config.hourAdvance().toMillis();
                final long step = Math.floorDiv(t, advance) * advance;
                from = Math.max(from, step);
                to = Math.min(to, step + advance);
            }
            validFrom = from;
            validTo = to;
            return windows;
        }
    }

    static String kindName(final TopWindow window) {
        return window.name().toLowerCase(Locale.ROOT);
    }
}
