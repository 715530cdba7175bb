package io.vigie.rules.incident;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The account a mail address or a logon names: {@code alice} for {@code alice@chu-exemple.fr} (an internal domain),
 * {@code CHU\alice} and {@code alice}; none for an external address.
 */
public final class AccountNames {

    private AccountNames() {
    }

    public static UnaryOperator<String> of(final List<String> internalDomains) {
        final List<String> domains = internalDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        return value -> {
            final String v = value.strip().toLowerCase(Locale.ROOT);
            final int backslash = v.lastIndexOf('\\');
            if (backslash >= 0) {
                return v.length() > backslash + 1 ? v.substring(backslash + 1) : null;
            }
            final int at = v.lastIndexOf('@');
            if (at < 0) {
                return v.isEmpty() ? null : v;
            }
            final String domain = v.substring(at + 1);
            final boolean internal = domains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
            return internal && at > 0 ? v.substring(0, at) : null;
        };
    }
}
