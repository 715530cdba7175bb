package io.vigie.rules.config;

import java.time.Duration;
import java.util.List;

/**
 * DMARC aggregate report statistics and alerts.
 *
 * @param protectedDomains        the domains whose spoofing is watched (subdomains included). Empty: the
 *                                organisation's internal mail domains; if those are empty too, every
 *                                {@code policy_published} domain of the reports received (they reach our
 *                                {@code rua} because we published them)
 * @param knownSenders            CIDR blocks of senders allowed to send as the protected domains (own relays,
 *                                a mailing provider): legitimate from the start, no learning needed
 * @param learnAfterMessages      a source becomes a known legitimate sender of a domain once this many of its
 *                                messages passed DMARC for it
 * @param spoofingMinMessages     "domain spoofing" fires when the messages failing DMARC from sources that are
 *                                not legitimate senders reach this many, for one domain on one day
 * @param senderFailingMinMessages "legitimate sender now failing" fires when a legitimate sender's failing
 *                                messages reach this many on one day
 * @param dedupRetention          how long a report's rows are remembered, to count a re-sent report once
 * @param statsRetention          how long per-day figures are kept
 * @param maxReportBytes          largest raw record (file or e-mail) accepted
 * @param maxInflatedBytes        largest report after gzip/zip decompression
 * @param maxZipEntries           most entries in a zip
 * @param maxMimeParts            most MIME parts in an e-mail
 */
public record DmarcConfig(List<String> protectedDomains, List<String> knownSenders, long learnAfterMessages,
                          long spoofingMinMessages, long senderFailingMinMessages, Duration dedupRetention,
                          Duration statsRetention, int maxReportBytes, int maxInflatedBytes, int maxZipEntries,
                          int maxMimeParts) {

    public DmarcConfig {
        protectedDomains = List.copyOf(protectedDomains);
        knownSenders = List.copyOf(knownSenders);
    }

    public static DmarcConfig defaults() {
        return new DmarcConfig(List.of(), List.of(), 3, 10, 5, Duration.ofDays(60), Duration.ofDays(400),
                16 * 1024 * 1024, 32 * 1024 * 1024, 16, 64);
    }

    public DmarcConfig withProtectedDomains(final List<String> domains) {
        return new DmarcConfig(domains, knownSenders, learnAfterMessages, spoofingMinMessages,
                senderFailingMinMessages, dedupRetention, statsRetention, maxReportBytes, maxInflatedBytes,
                maxZipEntries, maxMimeParts);
    }

    public DmarcConfig withKnownSenders(final List<String> cidrs) {
        return new DmarcConfig(protectedDomains, cidrs, learnAfterMessages, spoofingMinMessages,
                senderFailingMinMessages, dedupRetention, statsRetention, maxReportBytes, maxInflatedBytes,
                maxZipEntries, maxMimeParts);
    }
}
