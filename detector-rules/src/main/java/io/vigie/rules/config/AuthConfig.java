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
        return new AuthConfig(Duration.ofHours(1), 10, 30, 5, Duration.ofDays(7), Duration.ofDays(90), 24, 64);
    }
}
