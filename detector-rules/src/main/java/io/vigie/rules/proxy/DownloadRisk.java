package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.config.DownloadRiskConfig;
import io.vigie.rules.config.FileKind;
import io.vigie.rules.config.HostPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores how suspicious a download is: what the file is (path extension, response content type, and whether
 * they disagree), then where it comes from (raw IP, non-standard port, risky TLD, a host few internal clients
 * visit). Only responses that delivered something count: 2xx and not blocked by the proxy. A request that is
 * not a risky kind of file scores nothing, whatever its host: the place only matters once there is a file.
 */
final class DownloadRisk {

    private final DownloadRiskConfig config;
    private final HostPatterns trusted;

    public DownloadRisk(final DownloadRiskConfig config) {
        this.config = config;
        this.trusted = HostPatterns.of(config.trustedHosts());
    }

    /**
     * @param event       the request
     * @param destination what the organisation's traffic says about {@code event.host()}; required
     */
    public Assessment assess(final ProxyEvent event, final DestinationContext destination) {
        Objects.requireNonNull(destination, "destination");
        if (event.blocked()
                || event.status() < 200
                || event.status() > 299
                || event.host() == null
                || trusted.matches(event.host())) {
            return Assessment.NONE;
        }
        final List<Feature> features = new ArrayList<>();
        fileFeatures(event, features);
        if (features.isEmpty()) {
            return Assessment.NONE;
        }
        if (Hosts.isIpLiteral(event.host())) {
            features.add(new Feature("ip-host", config.ipHostWeight(), "host is an IP address"));
        }
        if (Hosts.nonStandardPort(event.scheme(), event.port())) {
            features.add(new Feature(
                    "non-standard-port", config.nonStandardPortWeight(), "non-standard port " + event.port()));
        }
        final String tld = Hosts.topLevelDomain(event.host());
        if (tld != null && config.riskyTlds().contains(tld)) {
            features.add(new Feature("risky-tld", config.riskyTldWeight(), "risky TLD ." + tld));
        }
        if (destination.rare(config.rareMaxClients())) {
            features.add(new Feature(
                    "rare-destination", config.rareDestinationWeight(), "rare destination: " + destination.describe()));
        }
        return Assessment.of(features);
    }

    public boolean suspicious(final Assessment assessment) {
        return assessment.reaches(config.threshold());
    }

    /** What the file is, from its name and from what the server says it is. Adds nothing when neither is risky. */
    private void fileFeatures(final ProxyEvent event, final List<Feature> features) {
        final String contentType = event.contentType();
        final boolean page = contentType != null && config.pageContentTypes().contains(contentType);
        final String extension = extension(event.path());
        // A page answering an .exe URL is a landing or error page: the server did not send an executable.
        final FileKind byExtension =
                extension == null || page ? null : config.extensions().get(extension);
        final FileKind byType =
                contentType == null ? null : config.contentTypes().get(contentType);
        if (byExtension != null) {
            features.add(new Feature(
                    "extension", weight(byExtension), "extension ." + extension + " (" + byExtension.label() + ")"));
        }
        if (byType == null) {
            return;
        }
        if (byType == byExtension) {
            features.add(new Feature(
                    "content-type", config.contentTypeAgreesWeight(), "content type " + contentType + " confirms it"));
        } else if (byExtension == null) {
            features.add(new Feature(
                    "content-type", weight(byType), "content type " + contentType + " (" + byType.label() + ")"));
            if (extension != null) {
                features.add(new Feature(
                        "type-mismatch",
                        config.mismatchWeight(),
                        "extension ." + extension + " but served as " + byType.label()));
            }
        } else {
            features.add(new Feature(
                    "type-mismatch",
                    config.mismatchWeight(),
                    "extension ." + extension + " but content type " + contentType + " (" + byType.label() + ")"));
        }
    }

    private int weight(final FileKind kind) {
        return config.kindWeights().get(kind);
    }

    /** The last path segment's extension, lower case; null when it has none or it is not a plausible one. */
    static String extension(final String path) {
        if (path == null) {
            return null;
        }
        final String segment = path.substring(path.lastIndexOf('/') + 1);
        final int dot = segment.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        final String ext = segment.substring(dot + 1).toLowerCase(Locale.ROOT);
        final boolean plausible = !ext.isEmpty()
                && ext.length() <= 12
                && ext.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-');
        return plausible ? ext : null;
    }
}
