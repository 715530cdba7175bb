package io.vigie.rules.av;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.NameGlob;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Which machines are servers: by name pattern, by network, or listed in the inventory. */
final class Servers {

    private final List<String> globs;
    private final List<Pattern> patterns;
    private final InternalNetworks networks;
    private final Set<String> inventory;

    Servers(final AntivirusConfig config) {
        this.globs = List.copyOf(config.serverHosts());
        this.patterns = globs.stream().map(NameGlob::compile).toList();
        this.networks = InternalNetworks.of(config.serverNetworks());
        this.inventory = Set.copyOf(
                config.servers().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    /** @return why the machine is a server, or null */
    String why(final String host, final String ip) {
        final String h = host == null ? null : host.toLowerCase(Locale.ROOT);
        final String shortName = h == null ? null : h.split("\\.", 2)[0];
        if (h != null && (inventory.contains(h) || inventory.contains(shortName))) {
            return "listed in the server inventory";
        }
        for (int i = 0; i < patterns.size(); i++) {
            final Pattern p = patterns.get(i);
            if (h != null && (p.matcher(h).matches() || p.matcher(shortName).matches())) {
                // The operator's glob, not the regex made of it: this text ends up in the alert.
                return "name matches " + globs.get(i);
            }
        }
        if (ip != null && !networks.isEmpty() && networks.contains(ip)) {
            return "address in a server network";
        }
        return null;
    }
}
