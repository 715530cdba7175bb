package io.vigie.rules.config;

import java.time.Duration;
import java.util.List;

/**
 * Antivirus detections.
 *
 * @param format          how {@code raw.av} lines are written: {@code auto} or one format name
 * @param serverHosts     host name patterns of servers ({@code srv-*}, {@code *-dc01}; {@code *} any characters)
 * @param serverNetworks  CIDR blocks of server networks
 * @param servers         server names from the inventory (exact, lower case)
 * @param internetPaths   extra path fragments where internet content lands, added to the built-in ones
 * @param outbreakHosts   the same threat or file on this many distinct hosts ...
 * @param outbreakWindow  ... within this window is an outbreak
 */
public record AntivirusConfig(
        String format,
        List<String> serverHosts,
        List<String> serverNetworks,
        List<String> servers,
        List<String> internetPaths,
        int outbreakHosts,
        Duration outbreakWindow) {

    public AntivirusConfig {
        serverHosts = List.copyOf(serverHosts);
        serverNetworks = List.copyOf(serverNetworks);
        servers = List.copyOf(servers);
        internetPaths = List.copyOf(internetPaths);
    }

    public static AntivirusConfig defaults() {
        return new AntivirusConfig("auto", List.of(), List.of(), List.of(), List.of(), 3, Duration.ofHours(1));
    }
}
