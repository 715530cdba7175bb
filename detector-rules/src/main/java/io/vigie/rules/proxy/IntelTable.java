package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlNormalizer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The threat-intelligence table as the destination task reads it: the entry a request matches, which the intel
 * match and the possible-C2 decisions are given. The exact URL is looked up after normalisation, then the host (a
 * host entry covers every URL on it), then the address when the host is an IP literal.
 */
final class IntelTable {

    private final KeyValueStore<String, Indicator> intel;

    IntelTable(final KeyValueStore<String, Indicator> intel) {
        this.intel = intel;
    }

    /** The indicator a request matches: its URL, else its host, else its address; null when none. */
    Indicator entryFor(final ProxyEvent e) {
        if (e.url() != null && !"CONNECT".equals(e.method())) {
            final String url = UrlNormalizer.normalize(e.url());
            if (url != null) {
                final Indicator byUrl = intel.get(Indicator.Kind.URL.key(url));
                if (byUrl != null) {
                    return byUrl;
                }
            }
        }
        final String host = UrlNormalizer.host(e.host());
        if (host == null) {
            return null;
        }
        final Indicator byHost = intel.get(Indicator.Kind.HOST.key(host));
        return byHost != null ? byHost : intel.get(Indicator.Kind.IP.key(host));
    }
}
