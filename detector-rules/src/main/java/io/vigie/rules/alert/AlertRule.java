package io.vigie.rules.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed part of a detection's alerts: identity, wording and the response steps the CERT
 * sheet recommends. Each detection holds one and calls {@link #raise} with what it observed.
 */
public record AlertRule(
        String id,
        String name,
        String description,
        AlertLevel level,
        List<String> categories,
        String dataset,
        List<String> response) {

    public Builder raise(final Instant time, final String entity, final Instant periodStart, final String message) {
        return new Builder(this, time, entity, periodStart, message);
    }

    /**
     * An alert whose period (and so its id) is the clock hour of {@code time}: for a rule that fires on the event that
     * crosses a threshold, or on the first event of a kind, rather than on a period of its own. Not that event's
     * time, nor the first event counted: the events reach the rule through several partitions, in an order that
     * differs between two runs of the same input (a replay, a restart after a crash), and so does the event that
     * fires; its hour only differs when it falls within minutes of the hour's end.
     */
    public Builder raiseInClockHour(final Instant time, final String entity, final String message) {
        return raise(time, entity, time.truncatedTo(ChronoUnit.HOURS), message);
    }

    /** Collects the variable ECS fields of one alert. */
    public static final class Builder {
        private final AlertRule rule;
        private final Instant time;
        private final String entity;
        private final Instant periodStart;
        private final String message;
        private final Map<String, Object> email = new LinkedHashMap<>();
        private final Map<String, Object> source = new LinkedHashMap<>();
        private final Map<String, Object> user = new LinkedHashMap<>();
        private final Map<String, List<String>> related = new LinkedHashMap<>();
        private final Map<String, Object> observed = new LinkedHashMap<>();
        private AlertLevel level;

        private Builder(
                final AlertRule rule,
                final Instant time,
                final String entity,
                final Instant periodStart,
                final String message) {
            this.rule = rule;
            this.time = time;
            this.entity = entity;
            this.periodStart = periodStart;
            this.message = message;
            this.level = rule.level();
        }

        public Builder email(final String field, final Object value) {
            putIfPresent(email, field, value);
            return this;
        }

        public Builder source(final String field, final Object value) {
            putIfPresent(source, field, value);
            return this;
        }

        public Builder user(final String field, final Object value) {
            putIfPresent(user, field, value);
            return this;
        }

        public Builder related(final String field, final List<String> values) {
            if (values != null && !values.isEmpty()) {
                related.put(field, List.copyOf(values));
            }
            return this;
        }

        public Builder observed(final String field, final Object value) {
            putIfPresent(observed, field, value);
            return this;
        }

        /** Overrides the rule's default level, e.g. when a figure is far above its threshold. */
        public Builder level(final AlertLevel newLevel) {
            this.level = newLevel;
            return this;
        }

        public Alert build() {
            final String id = Alert.deterministicId(rule.id(), entity, periodStart);
            return new Alert(
                    time,
                    new Alert.Event(
                            "alert",
                            id,
                            level.severity(),
                            rule.categories(),
                            List.of("indicator"),
                            rule.dataset(),
                            "vigie"),
                    new Alert.Rule(rule.id(), rule.name(), rule.description(), "vigie", rule.dataset()),
                    message,
                    ordered(email),
                    ordered(source),
                    ordered(user),
                    ordered(related),
                    new Alert.Details(
                            level.name().toLowerCase(Locale.ROOT), entity, ordered(observed), rule.response()));
        }

        private static <V> Map<String, V> ordered(final Map<String, V> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }

        private static void putIfPresent(final Map<String, Object> map, final String field, final Object value) {
            if (value != null) {
                map.put(field, value);
            }
        }
    }
}
