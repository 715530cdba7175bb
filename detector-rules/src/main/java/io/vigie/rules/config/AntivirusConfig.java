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
        return new Builder()
                .format("auto")
                .serverHosts(List.of())
                .serverNetworks(List.of())
                .servers(List.of())
                .internetPaths(List.of())
                .outbreakHosts(3)
                .outbreakWindow(Duration.ofHours(1))
                .build();
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named steps over the settings: a call site says which value is which. */
    public static final class Builder {
        private String format;
        private List<String> serverHosts;
        private List<String> serverNetworks;
        private List<String> servers;
        private List<String> internetPaths;
        private int outbreakHosts;
        private Duration outbreakWindow;

        private Builder() {}

        private Builder(final AntivirusConfig config) {
            format = config.format();
            serverHosts = config.serverHosts();
            serverNetworks = config.serverNetworks();
            servers = config.servers();
            internetPaths = config.internetPaths();
            outbreakHosts = config.outbreakHosts();
            outbreakWindow = config.outbreakWindow();
        }

        public Builder format(final String value) {
            this.format = value;
            return this;
        }

        public Builder serverHosts(final List<String> value) {
            this.serverHosts = value;
            return this;
        }

        public Builder serverNetworks(final List<String> value) {
            this.serverNetworks = value;
            return this;
        }

        public Builder servers(final List<String> value) {
            this.servers = value;
            return this;
        }

        public Builder internetPaths(final List<String> value) {
            this.internetPaths = value;
            return this;
        }

        public Builder outbreakHosts(final int value) {
            this.outbreakHosts = value;
            return this;
        }

        public Builder outbreakWindow(final Duration value) {
            this.outbreakWindow = value;
            return this;
        }

        public AntivirusConfig build() {
            return new AntivirusConfig(
                    format, serverHosts, serverNetworks, servers, internetPaths, outbreakHosts, outbreakWindow);
        }
    }
}
