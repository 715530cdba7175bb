package io.vigie.rules.config;

import java.util.List;

/**
 * Thresholds and weights of {@link io.vigie.rules.proxy.UrlComplexity}. Defaults are set so that no single feature reaches the
 * threshold: a long URL, a hexadecimal id or an IP address each has innocent explanations. What fires is a
 * combination, typically a long random token that also makes its path or query high-entropy, which is what an
 * encoded beacon or a one-time payload link looks like and what a hand-written URL never does.
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

    /** These settings with another threshold, rarity bound and more allowed hosts (the operator's knobs). */
    public UrlComplexityConfig tuned(final int newThreshold, final int newRareMaxClients,
                                     final List<String> extraAllowedHosts) {
        final List<String> hosts = new java.util.ArrayList<>(allowedHosts);
        hosts.addAll(extraAllowedHosts);
        return new UrlComplexityConfig(newRareMaxClients, hosts, longUrlLength, longUrlWeight, entropyMinLength, entropyBits, pathEntropyWeight, queryEntropyWeight, tokenMinLength, tokenWeight, ipHostWeight, nonStandardPortWeight, manyParameters, manyParametersWeight, punycodeWeight, deepHostLabels, deepHostWeight, digitHeavyRatio, digitHeavyWeight, newThreshold);
    }

    public static UrlComplexityConfig defaults() {
        return new UrlComplexityConfig(
                3, HostPatterns.UPDATE_AND_CDN_DEFAULTS,
                100, 10,
                24, 4.5, 20, 20,
                32, 30,
                20, 10,
                6, 10,
                20,
                6, 10,
                0.3, 10,
                // midway between realgen's strongest negative (30: IP host and odd port, no randomness) and its
                // weakest positive (50: one encoded token that makes the path high-entropy)
                45);
    }
}
