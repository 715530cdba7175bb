package io.vigie.rules.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A list of host patterns matched without DNS: {@code example.com} and {@code *.example.com} match the domain
 * and every subdomain (a domain suffix on label boundaries, so {@code evilexample.com} does not match);
 * {@code ocsp.*} matches any host whose first label is {@code ocsp} (certificate authorities run their OCSP
 * responders under many domains).
 */
public final class HostPatterns {

    /**
     * Update and CDN hosts that fetch long, random-looking URLs without a Referer and serve cabinets and
     * installers all day: Windows Update, certificate revocation (CRL, OCSP), browser and font CDNs.
     */
    public static final List<String> UPDATE_AND_CDN_DEFAULTS = List.of(
            "windowsupdate.com",
            "update.microsoft.com",
            "delivery.mp.microsoft.com",
            "download.microsoft.com",
            "*.digicert.com",
            "*.globalsign.com",
            "*.sectigo.com",
            "*.letsencrypt.org",
            "*.lencr.org",
            "ocsp.*",
            "crl.*",
            "*.gstatic.com",
            "*.googleapis.com",
            "*.akamaized.net",
            "*.akamaihd.net",
            "*.cloudfront.net",
            "*.mozilla.net",
            "*.adobe.com");

    private final List<String> suffixes;
    private final List<String> firstLabels;

    private HostPatterns(final List<String> suffixes, final List<String> firstLabels) {
        this.suffixes = suffixes;
        this.firstLabels = firstLabels;
    }

    /** @throws IllegalArgumentException for an empty pattern or a wildcard elsewhere than as above */
    public static HostPatterns of(final List<String> patterns) {
        final List<String> suffixes = new ArrayList<>();
        final List<String> firstLabels = new ArrayList<>();
        for (final String raw : patterns) {
            final String p = raw.trim().toLowerCase(Locale.ROOT);
            if (p.endsWith(".*") && p.indexOf('*') == p.length() - 1 && p.length() > 2) {
                firstLabels.add(p.substring(0, p.length() - 2));
            } else {
                final String suffix = p.startsWith("*.") ? p.substring(2) : p;
                if (suffix.isEmpty() || suffix.contains("*")) {
                    throw new IllegalArgumentException(
                            "bad host pattern '" + raw + "': use example.com, *.example.com or ocsp.*");
                }
                suffixes.add(suffix);
            }
        }
        return new HostPatterns(List.copyOf(suffixes), List.copyOf(firstLabels));
    }

    public boolean matches(final String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        final String h = host.toLowerCase(Locale.ROOT);
        for (final String suffix : suffixes) {
            if (h.equals(suffix) || h.endsWith("." + suffix)) {
                return true;
            }
        }
        final int dot = h.indexOf('.');
        return dot > 0 && firstLabels.contains(h.substring(0, dot));
    }
}
