package io.vigie.rules.auth;

import io.vigie.rules.alert.AlertRule;
import java.time.Duration;
import java.util.List;

/** Wording shared by the SASL rules' alerts. */
final class AuthAlerts {

    private AuthAlerts() {}

    /** {@code 1h}, {@code 90min}, {@code 45s}: how a window reads in an alert's message. */
    static String human(final Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + "min";
        }
        return duration.toSeconds() + "s";
    }

    /** A list field of {@code vigie.observed}, left out when empty (an empty list is never written). */
    static void observedList(final AlertRule.Builder builder, final String field, final List<String> values) {
        if (!values.isEmpty()) {
            builder.observed(field, List.copyOf(values));
        }
    }

    /** {@code 1 outbound message}, {@code 3 outbound messages}. */
    static String count(final long n, final String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
