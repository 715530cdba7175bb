package io.vigie.rules.proxy;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.config.HostPatterns;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether a destination host is the organisation's own: under one of its mail domains, or an address of its networks.
 * Such a host is never a lure nor a command-and-control destination.
 */
final class InternalHosts implements Predicate<String> {

    private final HostPatterns domains;
    private final InternalNetworks networks;

    InternalHosts(final List<String> domains, final InternalNetworks networks) {
        this.domains = HostPatterns.of(domains);
        this.networks = networks;
    }

    @Override
    public boolean test(final String host) {
        return domains.matches(host) || Hosts.isIpLiteral(host) && networks.contains(host);
    }
}
