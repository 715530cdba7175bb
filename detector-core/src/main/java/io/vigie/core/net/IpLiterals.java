package io.vigie.core.net;

/**
 * Parses IPv4 and IPv6 address literals into bytes without ever touching DNS
 * ({@link java.net.InetAddress#getByName} resolves anything that is not a literal, which a parser
 * fed with log lines must never do).
 */
final class IpLiterals {

    private IpLiterals() {}

    /**
     * @return 4 bytes for IPv4, 16 for IPv6, or null when {@code text[from, to)} is not a literal.
     *         IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are returned as their 4 IPv4 bytes, so
     *         that a dual-stack socket's view of an IPv4 client matches IPv4 networks.
     */
    static byte[] parse(final String text, final int from, final int to) {
        if (text == null || from < 0 || to > text.length() || from >= to) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ':') {
                final byte[] v6 = parseV6(text, from, to);
                return v6 == null ? null : unmapV4(v6);
            }
        }
        return parseV4(text, from, to);
    }

    static byte[] parse(final String text) {
        return text == null ? null : parse(text, 0, text.length());
    }

    /** Dotted quad, four decimal parts 0-255 without leading zeros (which some resolvers read as octal). */
    static byte[] parseV4(final String text, final int from, final int to) {
        final byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null;
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || part == 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (digits == 0 || part != 3) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    /** RFC 4291 text form: up to eight groups of 1-4 hex digits, one {@code ::}, optional dotted-quad tail. */
    static byte[] parseV6(final String text, final int from, final int to) {
        final byte[] out = new byte[16];
        int outPos = 0;
        int doubleColonAt = -1;
        int i = from;
        if (text.charAt(i) == ':') {
            if (to - i < 2 || text.charAt(i + 1) != ':') {
                return null;
            }
            doubleColonAt = 0;
            i += 2;
            if (i == to) {
                return out;
            }
        }
        while (i < to) {
            final int groupStart = i;
            int value = 0;
            while (i < to && i - groupStart < 5) {
                final int hex = Character.digit(text.charAt(i), 16);
                if (hex < 0 || text.charAt(i) > 'f') {
                    break;
                }
                value = (value << 4) | hex;
                i++;
            }
            final int groupLength = i - groupStart;
            if (i < to && text.charAt(i) == '.') {
                // embedded IPv4 tail, e.g. ::ffff:192.0.2.1
                if (outPos > 12) {
                    return null;
                }
                final byte[] v4 = parseV4(text, groupStart, to);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, outPos, 4);
                outPos += 4;
                i = to;
                break;
            }
            if (groupLength == 0 || groupLength > 4 || outPos > 14) {
                return null;
            }
            out[outPos++] = (byte) (value >>> 8);
            out[outPos++] = (byte) value;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && text.charAt(i) == ':') {
                if (doubleColonAt >= 0) {
                    return null;
                }
                doubleColonAt = outPos;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return null;
            }
        }
        if (doubleColonAt >= 0) {
            if (outPos == 16) {
                return null;
            }
            final int tail = outPos - doubleColonAt;
            System.arraycopy(out, doubleColonAt, out, 16 - tail, tail);
            for (int k = doubleColonAt; k < 16 - tail; k++) {
                out[k] = 0;
            }
        } else if (outPos != 16) {
            return null;
        }
        return out;
    }

    private static byte[] unmapV4(final byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return v6;
        }
        return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }

    /** The canonical text of 4 or 16 address bytes: a dotted quad, or IPv6 in its RFC 5952 short form. */
    static String format(final byte[] address) {
        return address.length == 4 ? v4(address) : v6(address);
    }

    private static String v4(final byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    private static String v6(final byte[] a) {
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (a[2 * i] & 0xff) << 8 | a[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        int run = 0;
        while (run < 8) {
            int end = run;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - run > bestLength) {
                bestStart = run;
                bestLength = end - run;
            }
            run = end == run ? run + 1 : end;
        }
        final StringBuilder out = new StringBuilder(39);
        int group = 0;
        while (group < 8) {
            if (group == bestStart) {
                out.append("::");
                group += bestLength;
            } else {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(groups[group]));
                group++;
            }
        }
        return out.toString();
    }
}
