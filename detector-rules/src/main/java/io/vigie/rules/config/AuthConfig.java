package io.vigie.rules.config;

import java.time.Duration;

/**
 * SMTP AUTH (SASL) password spraying and account takeover.
 *
 * @param window                the sliding window of failures: counted per source network for spraying, and
 *                              looked back on from a successful login; also how long a network stays new for an
 *                              account after its first login from there
 * @param sprayingAccounts      distinct accounts tried from one source network within the window that make
 *                              password spraying (needs a Postfix that logs the login tried)
 * @param bruteForceFailures    failed logins from one source network within the window that make a brute force,
 *                              whatever accounts they tried (the signal when Postfix logs no login)
 * @param takeoverFailures      failures on the account, or from the login's network, within the window before a
 *                              successful login that make the login a likely takeover
 * @param learningPeriod        from an account's first login seen, its networks are learned silently this long
 * @param knownNetworkRetention a network an account has not logged in from for this long is forgotten; an account
 *                              with no login at all for this long starts a new learning period
 * @param ipv4Prefix            prefix length of an IPv4 source network (24: a /24)
 * @param ipv6Prefix            prefix length of an IPv6 source network (64: a /64)
 */
public record AuthConfig(
        Duration window,
        int sprayingAccounts,
        int bruteForceFailures,
        int takeoverFailures,
        Duration learningPeriod,
        Duration knownNetworkRetention,
        int ipv4Prefix,
        int ipv6Prefix) {

    public AuthConfig {
        if (window.compareTo(Duration.ofMinutes(1)) < 0
                || learningPeriod.isNegative()
                || knownNetworkRetention.compareTo(window) < 0) {
            throw new IllegalArgumentException("auth: the window must be at least a minute (failures are counted per "
                    + "minute), the learning period not negative, the known-network retention at least the window");
        }
        if (sprayingAccounts < 2 || bruteForceFailures < 1 || takeoverFailures < 1) {
            throw new IllegalArgumentException("auth: spraying needs at least 2 accounts, the failure thresholds 1");
        }
        if (ipv4Prefix < 1 || ipv4Prefix > 32 || ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("auth: prefix lengths are 1 to 32 (IPv4) and 1 to 128 (IPv6)");
        }
    }

    public static AuthConfig defaults() {
        return new Builder()
                .window(Duration.ofHours(1))
                .sprayingAccounts(10)
                .bruteForceFailures(30)
                .takeoverFailures(5)
                .learningPeriod(Duration.ofDays(7))
                .knownNetworkRetention(Duration.ofDays(90))
                .ipv4Prefix(24)
                .ipv6Prefix(64)
                .build();
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named steps over the settings: a call site says which value is which. */
    public static final class Builder {
        private Duration window;
        private int sprayingAccounts;
        private int bruteForceFailures;
        private int takeoverFailures;
        private Duration learningPeriod;
        private Duration knownNetworkRetention;
        private int ipv4Prefix;
        private int ipv6Prefix;

        private Builder() {}

        private Builder(final AuthConfig config) {
            window = config.window();
            sprayingAccounts = config.sprayingAccounts();
            bruteForceFailures = config.bruteForceFailures();
            takeoverFailures = config.takeoverFailures();
            learningPeriod = config.learningPeriod();
            knownNetworkRetention = config.knownNetworkRetention();
            ipv4Prefix = config.ipv4Prefix();
            ipv6Prefix = config.ipv6Prefix();
        }

        public Builder window(final Duration value) {
            this.window = value;
            return this;
        }

        public Builder sprayingAccounts(final int value) {
            this.sprayingAccounts = value;
            return this;
        }

        public Builder bruteForceFailures(final int value) {
            this.bruteForceFailures = value;
            return this;
        }

        public Builder takeoverFailures(final int value) {
            this.takeoverFailures = value;
            return this;
        }

        public Builder learningPeriod(final Duration value) {
            this.learningPeriod = value;
            return this;
        }

        public Builder knownNetworkRetention(final Duration value) {
            this.knownNetworkRetention = value;
            return this;
        }

        public Builder ipv4Prefix(final int value) {
            this.ipv4Prefix = value;
            return this;
        }

        public Builder ipv6Prefix(final int value) {
            this.ipv6Prefix = value;
            return this;
        }

        public AuthConfig build() {
            return new AuthConfig(
                    window,
                    sprayingAccounts,
                    bruteForceFailures,
                    takeoverFailures,
                    learningPeriod,
                    knownNetworkRetention,
                    ipv4Prefix,
                    ipv6Prefix);
        }
    }
}
