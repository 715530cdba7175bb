package io.vigie.rules.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A nested object of {@code vigie.observed}, built by the rule that raises the alert: the alert is the SIEM's
 * contract, so its keys are snake_case whatever the Java names of the event behind it, in a fixed order, and an
 * absent value is left out rather than written as null.
 */
public final class ObservedObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ObservedObject() {}

    public static ObservedObject of() {
        return new ObservedObject();
    }

    public ObservedObject put(final String key, final Object value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }
}
