package io.vigie.rules.proxy;

/**
 * The names and keys of the proxy state stores, for the topology and for the application's queries (the queryable
 * ones, contacts and blocked requests, are named in {@link io.vigie.rules.store.QueryableStores}).
 * Contacts are keyed {@code host|client}: a host's contacts are one key range.
 */
public final class ProxyStores {

    /** Key-value store: host to its {@link DestinationSummary}, the rarity of a destination in one lookup. */
    public static final String DESTINATIONS = "proxy-destinations";
    /** Key-value store: host to the suspicious mails linking to it (mail-to-click correlation). */
    public static final String LURES = "proxy-lures";

    private static final char SEPARATOR = '|';
    /** Sorts after every character an address may hold, to close a key range on a host's prefix. */
    private static final String RANGE_END = "|\uffff";

    private ProxyStores() {}

    /** Requests the proxy blocked for a host on one day ({@code yyyy-MM-dd}, UTC). */
    public record BlockedToday(String day, long requests) {}

    static String contactKey(final String host, final String client) {
        return host + SEPARATOR + client;
    }

    /** The host part of a contact key. */
    static String hostOfContactKey(final String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }

    /** First key of a host's contacts. */
    public static String contactsFrom(final String host) {
        return host + SEPARATOR;
    }

    /** Last key of a host's contacts. */
    public static String contactsTo(final String host) {
        return host + RANGE_END;
    }
}
