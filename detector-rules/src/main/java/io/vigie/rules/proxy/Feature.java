package io.vigie.rules.proxy;

import java.util.Objects;

/**
 * One reason a scorer gave points, written so that an analyst reading the alert understands it without
 * the code: {@code extension .exe (executable)}, {@code host is an IP address}.
 *
 * @param name   stable identifier of the feature ({@code extension}, {@code ip-host}), for counting and tests
 * @param weight points it added to the score
 * @param detail what was seen, in words
 */
record Feature(String name, int weight, String detail) {

    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return detail + " (+" + weight + ")";
    }
}
