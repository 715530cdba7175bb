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
        final List<Window> windows = new ArrayList<>(2 + (int) (HOUR_MILLIS / config.hourAdvance().toMillis()));
        if (config.windows().contains(TopWindow.PERIOD)) {
            windows.add(new Window("period", kindName(TopWindow.PERIOD), null, null));
        }
        if (config.windows().contains(TopWindow.DAY)) {
            final LocalDate day = time.atZone(zone).toLocalDate();
            windows.add(new Window(dayId(day), kindName(TopWindow.DAY), day.atStartOfDay(zone).toInstant(),
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

    static String kindName(final TopWindow window) {
        return window.name().toLowerCase(Locale.ROOT);
    }
}
