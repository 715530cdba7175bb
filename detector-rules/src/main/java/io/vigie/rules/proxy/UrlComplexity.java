package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.config.HostPatterns;
import io.vigie.rules.config.UrlComplexityConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores complex URLs reached without a Referer: a person clicking through pages sends a Referer, an implant
 * calling home or a script fetching its next stage does not, and its URLs carry encoded data. Judged only when
 * the format records the Referer and the request had none ({@link ProxyEvent#withoutReferer()}), never for
 * CONNECT (a tunnel request never carries one), never for allow-listed update and CDN hosts, and only for
 * destinations few internal clients visit. The response does not matter: a beacon the proxy refused (407, 403)
 * was still sent, and says the same about the client.
 */
final class UrlComplexity {

    private final UrlComplexityConfig config;
    private final HostPatterns allowed;

    public UrlComplexity(final UrlComplexityConfig config) {
        this.config = config;
        this.allowed = HostPatterns.of(config.allowedHosts());
    }

    /**
     * @param event       the request
     * @param destination what the organisation's traffic says about {@code event.host()}; required
     */
    public Assessment assess(final ProxyEvent event, final DestinationContext destination) {
        Objects.requireNonNull(destination, "destination");
        if (!event.withoutReferer()
                || "CONNECT".equals(event.method())
                || event.host() == null
                || allowed.matches(event.host())
                || !destination.rare(config.rareMaxClients())) {
            return Assessment.NONE;
        }
        final List<Feature> features = new ArrayList<>();
        final String url = event.url() == null ? "" : event.url();
        if (url.length() >= config.longUrlLength()) {
            features.add(new Feature("long-url", config.longUrlWeight(), "URL of " + url.length() + " characters"));
        }
        entropy("path-entropy", "path", event.path(), config.pathEntropyWeight(), features);
        entropy("query-entropy", "query", event.query(), config.queryEntropyWeight(), features);
        final RandomTokens.Token token = longestToken(event);
        if (token != null) {
            features.add(new Feature(
                    "encoded-token",
                    config.tokenWeight(),
                    token.text().length() + "-character " + token.encoding() + " token " + abbreviate(token.text())));
        }
        hostFeatures(event, features);
        final int parameters = parameterCount(event.query());
        if (parameters >= config.manyParameters()) {
            features.add(
                    new Feature("many-parameters", config.manyParametersWeight(), parameters + " query parameters"));
        }
        return Assessment.of(features);
    }

    public boolean complex(final Assessment assessment) {
        return assessment.reaches(config.threshold());
    }

    private void entropy(
            final String name, final String part, final String text, final int weight, final List<Feature> features) {
        if (text == null || text.length() < config.entropyMinLength()) {
            return;
        }
        final double bits = Entropy.bitsPerChar(text);
        if (bits >= config.entropyBits()) {
            features.add(new Feature(
                    name,
                    weight,
                    String.format(
                            Locale.ROOT,
                            "%s entropy %.2f bits/char over %d " + "characters",
                            part,
                            bits,
                            text.length())));
        }
    }

    private RandomTokens.Token longestToken(final ProxyEvent event) {
        final RandomTokens.Token inPath = RandomTokens.longest(event.path(), config.tokenMinLength());
        final RandomTokens.Token inQuery = RandomTokens.longest(event.query(), config.tokenMinLength());
        if (inPath == null) {
            return inQuery;
        }
        return inQuery == null || inPath.text().length() >= inQuery.text().length() ? inPath : inQuery;
    }

    private void hostFeatures(final ProxyEvent event, final List<Feature> features) {
        final String host = event.host();
        final boolean ip = Hosts.isIpLiteral(host);
        if (ip) {
            features.add(new Feature("ip-host", config.ipHostWeight(), "host is an IP address"));
        }
        if (Hosts.nonStandardPort(event.scheme(), event.port())) {
            features.add(new Feature(
                    "non-standard-port", config.nonStandardPortWeight(), "non-standard port " + event.port()));
        }
        if (ip) {
            return;
        }
        final String[] labels = host.split("\\.");
        for (final String label : labels) {
            if (label.startsWith("xn--")) {
                features.add(new Feature("punycode", config.punycodeWeight(), "punycode label " + label));
                break;
            }
        }
        if (labels.length >= config.deepHostLabels()) {
            features.add(new Feature("deep-host", config.deepHostWeight(), labels.length + " host labels"));
        }
        final double digits = digitRatio(labels);
        if (digits >= config.digitHeavyRatio()) {
            features.add(new Feature(
                    "digit-heavy-host",
                    config.digitHeavyWeight(),
                    String.format(Locale.ROOT, "%.0f%% digits in the host name", digits * 100)));
        }
    }

    /** Digits among the letters and digits of the host without its TLD; 0 for names too short to tell. */
    private static double digitRatio(final String[] labels) {
        int digits = 0;
        int alnum = 0;
        for (int i = 0; i < labels.length - 1; i++) {
            for (final char c : labels[i].toCharArray()) {
                if (Character.isDigit(c)) {
                    digits++;
                }
                if (Character.isLetterOrDigit(c)) {
                    alnum++;
                }
            }
        }
        // "web2" or "s3" are names, not generated: ask for enough characters before judging the mix
        return alnum < 8 ? 0 : (double) digits / alnum;
    }

    private static int parameterCount(final String query) {
        if (query == null || query.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (final String p : query.split("&")) {
            if (!p.isEmpty()) {
                count++;
            }
        }
        return count;
    }

    /** Alerts quote the token, not a whole payload: enough to search for it, short enough to read. */
    private static String abbreviate(final String token) {
        return token.length() <= 16 ? token : token.substring(0, 12) + "…";
    }
}
