package io.vigie.rules.mail;

import java.util.Locale;

/** Addresses in the form pflogsumm reports them, so that our lists compare line for line with its. */
final class PflogsummAddresses {

    private PflogsummAddresses() {}

    /** The domain part (from the first "@") lower-cased, the local part kept; the null sender as {@code from=<>}. */
    static String sender(final String logged) {
        if (logged == null || logged.isEmpty()) {
            return "from=<>";
        }
        return lowerCaseFromFirstAt(logged);
    }

    static String recipient(final String logged) {
        return lowerCaseFromFirstAt(logged == null ? "" : logged);
    }

    private static String lowerCaseFromFirstAt(final String address) {
        final int at = address.indexOf('@');
        // Perl's s/(@.+)/\L$1/ needs at least one character after the "@".
        if (at < 0 || at == address.length() - 1) {
            return address;
        }
        return address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
    }
}
