package io.vigie.rules.config;

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
 * @param correlation       mail to click, antivirus to network
 */
public record ProxyConfig(
        String format,
        Duration contactsRetention,
        DownloadRiskConfig download,
        UrlComplexityConfig complexUrl,
        CorrelationConfig correlation) {

    /** With the default correlation settings. */
    public ProxyConfig(
            final String format,
            final Duration contactsRetention,
            final DownloadRiskConfig download,
            final UrlComplexityConfig complexUrl) {
        this(format, contactsRetention, download, complexUrl, CorrelationConfig.defaults());
    }

    public static ProxyConfig defaults() {
        return new ProxyConfig(
                "auto",
                Duration.ofDays(30),
                DownloadRiskConfig.defaults(),
                UrlComplexityConfig.defaults(),
                CorrelationConfig.defaults());
    }

    public ProxyConfig withFormat(final String newFormat) {
        return new ProxyConfig(newFormat, contactsRetention, download, complexUrl, correlation);
    }

    public ProxyConfig withCorrelation(final CorrelationConfig newCorrelation) {
        return new ProxyConfig(format, contactsRetention, download, complexUrl, newCorrelation);
    }
}
