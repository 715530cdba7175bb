package io.vigie.rules.store;

/**
 * Every store the application queries (HTTP API, status page, commands), in one place. Most are global stores, loaded
 * on every instance from a compacted topic, so any instance answers for the whole group; the proxy stores are local
 * and queried on the instance that owns the key. A name here is also a state directory and a changelog topic:
 * renaming one loses the state on upgrade (the committed topology description fails first).
 */
public final class QueryableStores {

    /** Global: the latest top-20 snapshot of each window, from {@code state.top20}. */
    public static final String TOP20_SNAPSHOTS = "top20-snapshots";
    /** Global: DMARC figures per {@code domain|day}, from {@code state.dmarc-days}. */
    public static final String DMARC_DAYS = "dmarc-days";
    /** Global: DMARC figures per {@code domain|ip}, from {@code state.dmarc-sources}. */
    public static final String DMARC_SOURCES = "dmarc-sources";
    /** Global: the indicators of every feed and of the engine's own findings, by value, from {@code state.intel}. */
    public static final String INTEL = "intel";
    /** Global: who used which address, machine and VPN session when, by entity, from {@code state.identities}. */
    public static final String IDENTITIES = "identities";
    /** Global: incidents by id, from {@code incidents}. */
    public static final String INCIDENTS = "incidents";
    /** Local window store of one-day windows: {@code host|client} to the client's contacts with the host. */
    public static final String PROXY_CONTACTS = "proxy-contacts";
    /** Local: host to the requests the proxy blocked for it today. */
    public static final String PROXY_BLOCKED = "proxy-blocked";
    /** Local: the quarantine campaigns being followed, by campaign key. */
    public static final String QUARANTINE_CAMPAIGNS = "quarantine-campaign-store";

    private QueryableStores() {}
}
