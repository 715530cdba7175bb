package io.vigie.rules.config;

import io.vigie.rules.proxy.DownloadRiskConfig;
import io.vigie.rules.proxy.UrlComplexityConfig;
import java.time.Duration;

/**
 * Proxy log detections.
 *
 * @param format            how {@code raw.proxy} lines are written: {@code auto} (recognised line by line),
 *                          or one format name ({@code squid}, {@code combined}, {@code w3c}, {@code json}...)
 * @param contactsRetention how long "which client contacted which host, when" is kept for the retro-hunt
 *                          and the rarity of destinations (the CERT asks for 30 days)
 * @param download          the suspicious-download scoring
 * @param complexUrl        the complex-URL-without-Referer scoring
 */
public record ProxyConfig(String format, Duration contactsRetention, DownloadRiskConfig download,
                          UrlComplexityConfig complexUrl) {

    public static ProxyConfig defaults() {
        return new ProxyConfig("auto", Duration.ofDays(30), DownloadRiskConfig.defaults(),
                UrlComplexityConfig.defaults());
    }

    public ProxyConfig withFormat(final String newFormat) {
        return new ProxyConfig(newFormat, contactsRetention, download, complexUrl);
    }
}
