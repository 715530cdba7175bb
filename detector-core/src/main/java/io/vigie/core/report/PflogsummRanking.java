package io.vigie.core.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ordering and the number formatting of pflogsumm 1.1.5's top lists, which mail administrators
 * compare our reports with. Values sort descending; equal values sort ascending by pflogsumm's
 * {@code normalize_host} key (the address split on "." and "@", reversed, lower-cased; a dotted
 * quad becomes four code points), compared as pflogsumm compares under the C locale: code point by
 * code point over the raw bytes.
 */
public final class PflogsummRanking {

    private static final long DIV_BY_ONE_K_AT = 524_288L;
    private static final long DIV_BY_ONE_MEG_AT = 536_870_912L;

    private PflogsummRanking() {}

    /** pflogsumm's {@code normalize_host}, as a string of byte-valued chars (so comparison is byte-wise). */
    public static String sortKey(final String address) {
        final String latin1 = new String(address.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        final String firstWord = firstWhitespaceSeparatedWord(latin1);
        final String quad = dottedQuadKey(firstWord);
        if (quad != null) {
            return quad;
        }
        final List<String> parts = perlSplitOnDotOrAt(firstWord);
        final StringBuilder key = new StringBuilder(firstWord.length());
        for (int i = parts.size() - 1; i >= 0; i--) {
            key.append(parts.get(i).toLowerCase(Locale.ROOT));
        }
        return key.toString();
    }

    /**
     * Compares two (value, address) pairs the way pflogsumm orders a top list: larger value first, then
     * by sort key, then by the raw address so that the order is total and the same on every instance.
     */
    public static int compare(final long valueA, final String addressA, final long valueB, final String addressB) {
        return compare(valueA, addressA, valueB, addressB, PflogsummRanking::sortKey);
    }

    /**
     * As {@link #compare(long, String, long, String)}, with the sort keys from {@code sortKeys}: a caller that
     * compares the same addresses over and over (a top list kept up to date) can remember them.
     */
    public static int compare(
            final long valueA,
            final String addressA,
            final long valueB,
            final String addressB,
            final java.util.function.UnaryOperator<String> sortKeys) {
        final int byValue = Long.compare(valueB, valueA);
        if (byValue != 0) {
            return byValue;
        }
        final int byKey = sortKeys.apply(addressA).compareTo(sortKeys.apply(addressB));
        if (byKey != 0) {
            return byKey;
        }
        return addressA.compareTo(addressB);
    }

    /** pflogsumm's {@code adj_int_units}: the number and unit it prints for a count or a byte total. */
    public static Printed printed(final long value) {
        if (value > DIV_BY_ONE_MEG_AT) {
            return new Printed(value / 1_048_576L, 'm');
        }
        if (value > DIV_BY_ONE_K_AT) {
            return new Printed(value / 1024L, 'k');
        }
        return new Printed(value, ' ');
    }

    /** A value as pflogsumm prints it: truncated to whole units. */
    public record Printed(long value, char unit) {}

    private static String firstWhitespaceSeparatedWord(final String s) {
        // Perl's split(/\s/, $x) keeps a leading empty field: an address starting with a blank keys as "".
        for (int i = 0; i < s.length(); i++) {
            if (isPerlSpace(s.charAt(i))) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static boolean isPerlSpace(final char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static String dottedQuadKey(final String s) {
        final String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        final StringBuilder key = new StringBuilder(4);
        for (final String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3) {
                return null;
            }
            for (int i = 0; i < octet.length(); i++) {
                if (octet.charAt(i) < '0' || octet.charAt(i) > '9') {
                    return null;
                }
            }
            key.append((char) Integer.parseInt(octet));
        }
        return key.toString();
    }

    /** Perl's split(/[.@]/, $s): keeps leading empty fields, drops trailing empty ones. */
    private static List<String> perlSplitOnDotOrAt(final String s) {
        final List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '.' || c == '@') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }
}
