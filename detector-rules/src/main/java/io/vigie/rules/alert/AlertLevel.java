package io.vigie.rules.alert;

/** Alert levels with the numeric ECS {@code event.severity} SIEMs sort on (Elastic's risk score bands). */
public enum AlertLevel {
    LOW(21),
    MEDIUM(47),
    HIGH(73),
    CRITICAL(99);

    private final int severity;

    AlertLevel(final int severity) {
        this.severity = severity;
    }

    public int severity() {
        return severity;
    }
}
