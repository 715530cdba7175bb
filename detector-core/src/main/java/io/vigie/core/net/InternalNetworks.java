package io.vigie.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The organisation's own IP networks (IPv4 and IPv6 CIDR blocks), to tell internal clients from
 * external ones. Immutable and thread-safe.
 *
 * <p>Configuration is strict ({@link #of} throws {@link IllegalArgumentException} naming the bad
 * entry, so a typo fails at startup), lookups are lenient ({@link #contains} answers false for
 * anything that is not an address, because it is fed with whatever the logs say).
 */
public final class InternalNetworks {

    private static final InternalNetworks NONE = new InternalNetworks(List.of(), List.of());
    /** The loopback networks: a client or relay there is a program of the mail server itself (a content filter). */
    public static final InternalNetworks LOOPBACK = of("127.0.0.0/8", "::1/128");

    private final List<String> cidrs;
    private final Block[] blocks;

    private InternalNetworks(final List<String> cidrs, final List<Block> blocks) {
        this.cidrs = List.copyOf(cidrs);
        this.blocks = blocks.toArray(new Block[0]);
    }

    /** No internal network at all: {@link #contains} is always false. */
    public static InternalNetworks none() {
        return NONE;
    }

    /**
     * @param cidrs entries like {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code [2001:db8::]/32} or a
     *              single address ({@code /32} or {@code /128} implied); surrounding blanks are ignored
     * @throws IllegalArgumentException naming the first entry that is not a valid network, including one
     *                                  with host bits set ({@code 10.1.2.3/8}), which is usually a typo
     */
    public static InternalNetworks of(final Collection<String> cidrs) {
        if (cidrs == null) {
            throw new IllegalArgumentException("internal networks: list is null");
        }
        final List<String> texts = new ArrayList<>(cidrs.size());
        final List<Block> blocks = new ArrayList<>(cidrs.size());
        for (final String entry : cidrs) {
            final Block block = parseBlock(entry);
            texts.add(entry.strip());
            blocks.add(block);
        }
        return new InternalNetworks(texts, blocks);
    }

    /** @see #of(Collection) */
    public static InternalNetworks of(final String... cidrs) {
        return of(Arrays.asList(cidrs));
    }

    /**
     * @param ip an address as logged: {@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]},
     *           {@code IPv6:2001:db8::1}, {@code fe80::1%eth0}, {@code ::ffff:192.0.2.1}
     * @return whether it lies in one of the networks; false for null, blanks, host names and garbage
     */
    public boolean contains(final String ip) {
        if (ip == null || blocks.length == 0) {
            return false;
        }
        int from = 0;
        int to = ip.length();
        while (from < to && ip.charAt(from) == ' ') {
            from++;
        }
        while (to > from && ip.charAt(to - 1) == ' ') {
            to--;
        }
        if (to - from >= 2 && ip.charAt(from) == '[' && ip.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        if (ip.regionMatches(true, from, "IPv6:", 0, 5)) {
            from += 5;
        }
        final int zone = ip.indexOf('%', from);
        if (zone >= 0 && zone < to) {
            to = zone;
        }
        final byte[] address = IpLiterals.parse(ip, from, to);
        if (address == null) {
            return false;
        }
        for (final Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The configured entries, as given (trimmed). */
    public List<String> cidrs() {
        return cidrs;
    }

    public boolean isEmpty() {
        return blocks.length == 0;
    }

    @Override
    public String toString() {
        return "InternalNetworks" + cidrs;
    }

    private static Block parseBlock(final String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("internal networks: empty entry");
        }
        final String text = entry.strip();
        final int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.length() >= 2 && address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        // parse without IPv4-mapped folding: a configured ::ffff:0:0/96 must stay an IPv6 block
        final byte[] bytes = address.indexOf(':') >= 0
                ? IpLiterals.parseV6(address, 0, address.length())
                : IpLiterals.parseV4(address, 0, address.length());
        if (address.isEmpty() || bytes == null) {
            throw new IllegalArgumentException("internal networks: '" + text + "' is not an IP address or CIDR block");
        }
        final int maxBits = bytes.length * 8;
        final int prefix;
        if (slash < 0) {
            prefix = maxBits;
        } else {
            prefix = parsePrefix(text.substring(slash + 1), maxBits, text);
        }
        final byte[] network = bytes.clone();
        mask(network, prefix);
        if (!Arrays.equals(network, bytes)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "internal networks: '%s' has host bits set (did you mean %s/%d?)",
                    text,
                    format(network),
                    prefix));
        }
        return new Block(network, prefix);
    }

    private static int parsePrefix(final String text, final int maxBits, final String entry) {
        if (text.isEmpty() || text.length() > 3) {
            throw new IllegalArgumentException("internal networks: '" + entry + "' has a bad prefix length");
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("internal networks: '" + entry + "' has a bad prefix length");
            }
            value = value * 10 + (c - '0');
        }
        if (value > maxBits) {
            throw new IllegalArgumentException(
                    "internal networks: '" + entry + "' has a prefix longer than " + maxBits + " bits");
        }
        return value;
    }

    private static void mask(final byte[] bytes, final int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            final int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - bitsHere));
        }
    }

    private static String format(final byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return sb.toString();
    }

    private record Block(byte[] network, int prefix) {

        boolean contains(final byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            final int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            final int remainingBits = prefix % 8;
            if (remainingBits == 0) {
                return true;
            }
            final int m = 0xff << (8 - remainingBits) & 0xff;
            return (address[fullBytes] & m) == (network[fullBytes] & 0xff);
        }
    }
}
