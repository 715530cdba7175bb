package io.vigie.rules.config;

import java.time.Duration;

/**
 * The two correlations of the CERT response sheet that run in the proxy's destination task.
 *
 * @param lureRetention      how long (event time, from the delivery) a mail's URL hosts are kept as lures: a click on
 *                           one by a recipient later than that no longer correlates
 * @param lureHostsPerAlert  URL hosts taken from one mail alert (the first ones it lists): a campaign with many links
 *                           must not fill the store
 * @param avWindow           an antivirus detection's host: its destinations this long either side of the detection
 * @param rareClients        a destination is rare when at most this many internal clients contacted it within the
 *                           contacts retention
 */
public record CorrelationConfig(Duration lureRetention, int lureHostsPerAlert, Duration avWindow, int rareClients) {

    public CorrelationConfig {
        if (lureRetention == null || lureRetention.isNegative() || lureRetention.isZero()) {
            throw new IllegalArgumentException("proxy.correlation.lure-retention must be positive");
        }
        if (lureHostsPerAlert < 1) {
            throw new IllegalArgumentException("proxy.correlation.lure-hosts-per-alert must be at least 1");
        }
        if (avWindow == null || avWindow.isNegative()) {
            throw new IllegalArgumentException("proxy.correlation.av-window must not be negative");
        }
        if (rareClients < 1) {
            throw new IllegalArgumentException("proxy.correlation.rare-clients must be at least 1");
        }
    }

    public static CorrelationConfig defaults() {
        return new CorrelationConfig(Duration.ofDays(7), 10, Duration.ofHours(1), 3);
    }
}
