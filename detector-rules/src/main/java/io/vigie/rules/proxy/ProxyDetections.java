package io.vigie.rules.proxy;

import io.vigie.rules.config.RulesConfig;
import java.util.List;

/** The behavioural detections run on every request, built from the configuration. */
final class ProxyDetections {

    private ProxyDetections() {}

    static List<ProxyJudgement> of(final RulesConfig config) {
        return List.of(
                new SuspiciousDownloadDetection(config.proxy().download()),
                new ComplexUrlDetection(config.proxy().complexUrl()));
    }
}
