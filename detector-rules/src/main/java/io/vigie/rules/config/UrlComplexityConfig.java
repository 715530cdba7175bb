package io.vigie.rules.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds and weights of {@link io.vigie.rules.proxy.UrlComplexity}. Defaults are set so that no single feature
 * reaches the threshold: a long URL, a hexadecimal id or an IP address each has innocent explanations. What fires is a
 * combination, typically a long random token that also makes its path or query high-entropy, which is what an encoded
 * beacon or a one-time payload link looks like and what a hand-written URL never does.
 *
 * @param rareMaxClients        condition, not a weight: only hosts that at most this many distinct internal clients
 *                              contacted over the retention are judged. The whole hospital visiting a site with
 *                              ugly URLs is a web application, not a beacon.
 * @param allowedHosts          update and CDN hosts never judged (see {@link HostPatterns})
 * @param longUrlLength         URL length from which {@code longUrlWeight} applies
 * @param longUrlWeight         points for a long URL
 * @param entropyMinLength      path or query shorter than this is not measured: entropy cannot be high on a short
 *                              string (it is at most log2 of the length)
 * @param entropyBits           bits per character from which a path or query counts as random; written paths stay
 *                              under about 4.4 even with a short hash in them, random base64 is about 5
 * @param pathEntropyWeight     points for a random-looking path
 * @param queryEntropyWeight    points for a random-looking query
 * @param tokenMinLength        length from which a base64 or hex run counts as an encoded token (32 = a 128-bit
 *                              hex id, 24 bytes of base64)
 * @param tokenWeight           points for such a token
 * @param ipHostWeight          points when the host is an IP literal: no DNS name, nothing to block or reputate
 * @param nonStandardPortWeight points for a port other than the scheme's
 * @param manyParameters        number of query parameters from which {@code manyParametersWeight} applies
 * @param manyParametersWeight  points for many parameters
 * @param punycodeWeight        points for an {@code xn--} label: look-alike domains are made with them
 * @param deepHostLabels        number of host labels from which {@code deepHostWeight} applies
 * @param deepHostWeight        points for many subdomain levels (random subdomains used as a channel)
 * @param digitHeavyRatio       share of digits in the host's labels (TLD excluded) from which it counts as generated
 * @param digitHeavyWeight      points for a digit-heavy host name
 * @param threshold             score from which a URL is complex
 */
public record UrlComplexityConfig(
        int rareMaxClients,
        List<String> allowedHosts,
        int longUrlLength,
        int longUrlWeight,
        int entropyMinLength,
        double entropyBits,
        int pathEntropyWeight,
        int queryEntropyWeight,
        int tokenMinLength,
        int tokenWeight,
        int ipHostWeight,
        int nonStandardPortWeight,
        int manyParameters,
        int manyParametersWeight,
        int punycodeWeight,
        int deepHostLabels,
        int deepHostWeight,
        double digitHeavyRatio,
        int digitHeavyWeight,
        int threshold) {

    public UrlComplexityConfig {
        allowedHosts = List.copyOf(allowedHosts);
        HostPatterns.of(allowedHosts); // fail at configuration time, naming the bad pattern
        if (threshold <= 0 || rareMaxClients < 0 || tokenMinLength < 8 || entropyMinLength < 8) {
            throw new IllegalArgumentException("threshold and rareMaxClients must be positive, tokenMinLength and "
                    + "entropyMinLength at least 8");
        }
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public static UrlComplexityConfig defaults() {
        return new Builder()
                .rareMaxClients(3)
                .allowedHosts(HostPatterns.UPDATE_AND_CDN_DEFAULTS)
                .longUrlLength(100)
                .longUrlWeight(10)
                .entropyMinLength(24)
                .entropyBits(4.5)
                .pathEntropyWeight(20)
                .queryEntropyWeight(20)
                .tokenMinLength(32)
                .tokenWeight(30)
                .ipHostWeight(20)
                .nonStandardPortWeight(10)
                .manyParameters(6)
                .manyParametersWeight(10)
                .punycodeWeight(20)
                .deepHostLabels(6)
                .deepHostWeight(10)
                .digitHeavyRatio(0.3)
                .digitHeavyWeight(10)
                // midway between realgen's strongest negative (30: IP host and odd port, no randomness) and its
                // weakest positive (50: one encoded token that makes the path high-entropy)
                .threshold(45)
                .build();
    }

    /** Named steps over the twenty settings: a call site says which number is which. */
    public static final class Builder {

        private int rareMaxClients;
        private List<String> allowedHosts;
        private int longUrlLength;
        private int longUrlWeight;
        private int entropyMinLength;
        private double entropyBits;
        private int pathEntropyWeight;
        private int queryEntropyWeight;
        private int tokenMinLength;
        private int tokenWeight;
        private int ipHostWeight;
        private int nonStandardPortWeight;
        private int manyParameters;
        private int manyParametersWeight;
        private int punycodeWeight;
        private int deepHostLabels;
        private int deepHostWeight;
        private double digitHeavyRatio;
        private int digitHeavyWeight;
        private int threshold;

        private Builder() {
            allowedHosts = List.of();
        }

        private Builder(final UrlComplexityConfig config) {
            rareMaxClients = config.rareMaxClients();
            allowedHosts = config.allowedHosts();
            longUrlLength = config.longUrlLength();
            longUrlWeight = config.longUrlWeight();
            entropyMinLength = config.entropyMinLength();
            entropyBits = config.entropyBits();
            pathEntropyWeight = config.pathEntropyWeight();
            queryEntropyWeight = config.queryEntropyWeight();
            tokenMinLength = config.tokenMinLength();
            tokenWeight = config.tokenWeight();
            ipHostWeight = config.ipHostWeight();
            nonStandardPortWeight = config.nonStandardPortWeight();
            manyParameters = config.manyParameters();
            manyParametersWeight = config.manyParametersWeight();
            punycodeWeight = config.punycodeWeight();
            deepHostLabels = config.deepHostLabels();
            deepHostWeight = config.deepHostWeight();
            digitHeavyRatio = config.digitHeavyRatio();
            digitHeavyWeight = config.digitHeavyWeight();
            threshold = config.threshold();
        }

        /** Replaces the allowed hosts. */
        public Builder allowedHosts(final List<String> value) {
            this.allowedHosts = List.copyOf(value);
            return this;
        }

        /** Adds to the allowed hosts (an operator's list on top of the built-in one). */
        public Builder addAllowedHosts(final List<String> extra) {
            final List<String> hosts = new ArrayList<>(allowedHosts);
            hosts.addAll(extra);
            this.allowedHosts = List.copyOf(hosts);
            return this;
        }

        public Builder rareMaxClients(final int value) {
            this.rareMaxClients = value;
            return this;
        }

        public Builder longUrlLength(final int value) {
            this.longUrlLength = value;
            return this;
        }

        public Builder longUrlWeight(final int value) {
            this.longUrlWeight = value;
            return this;
        }

        public Builder entropyMinLength(final int value) {
            this.entropyMinLength = value;
            return this;
        }

        public Builder entropyBits(final double value) {
            this.entropyBits = value;
            return this;
        }

        public Builder pathEntropyWeight(final int value) {
            this.pathEntropyWeight = value;
            return this;
        }

        public Builder queryEntropyWeight(final int value) {
            this.queryEntropyWeight = value;
            return this;
        }

        public Builder tokenMinLength(final int value) {
            this.tokenMinLength = value;
            return this;
        }

        public Builder tokenWeight(final int value) {
            this.tokenWeight = value;
            return this;
        }

        public Builder ipHostWeight(final int value) {
            this.ipHostWeight = value;
            return this;
        }

        public Builder nonStandardPortWeight(final int value) {
            this.nonStandardPortWeight = value;
            return this;
        }

        public Builder manyParameters(final int value) {
            this.manyParameters = value;
            return this;
        }

        public Builder manyParametersWeight(final int value) {
            this.manyParametersWeight = value;
            return this;
        }

        public Builder punycodeWeight(final int value) {
            this.punycodeWeight = value;
            return this;
        }

        public Builder deepHostLabels(final int value) {
            this.deepHostLabels = value;
            return this;
        }

        public Builder deepHostWeight(final int value) {
            this.deepHostWeight = value;
            return this;
        }

        public Builder digitHeavyRatio(final double value) {
            this.digitHeavyRatio = value;
            return this;
        }

        public Builder digitHeavyWeight(final int value) {
            this.digitHeavyWeight = value;
            return this;
        }

        public Builder threshold(final int value) {
            this.threshold = value;
            return this;
        }

        public UrlComplexityConfig build() {
            return new UrlComplexityConfig(
                    rareMaxClients,
                    allowedHosts,
                    longUrlLength,
                    longUrlWeight,
                    entropyMinLength,
                    entropyBits,
                    pathEntropyWeight,
                    queryEntropyWeight,
                    tokenMinLength,
                    tokenWeight,
                    ipHostWeight,
                    nonStandardPortWeight,
                    manyParameters,
                    manyParametersWeight,
                    punycodeWeight,
                    deepHostLabels,
                    deepHostWeight,
                    digitHeavyRatio,
                    digitHeavyWeight,
                    threshold);
        }
    }
}
