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
public record DmarcConfig(
        List<String> protectedDomains,
        List<String> knownSenders,
        long learnAfterMessages,
        long spoofingMinMessages,
        long senderFailingMinMessages,
        Duration dedupRetention,
        Duration statsRetention,
        int maxReportBytes,
        int maxInflatedBytes,
        int maxZipEntries,
        int maxMimeParts) {

    public DmarcConfig {
        protectedDomains = List.copyOf(protectedDomains);
        knownSenders = List.copyOf(knownSenders);
    }

    public static DmarcConfig defaults() {
        return new Builder()
                .protectedDomains(List.of())
                .knownSenders(List.of())
                .learnAfterMessages(3)
                .spoofingMinMessages(10)
                .senderFailingMinMessages(5)
                .dedupRetention(Duration.ofDays(60))
                .statsRetention(Duration.ofDays(400))
                .maxReportBytes(16 * 1024 * 1024)
                .maxInflatedBytes(32 * 1024 * 1024)
                .maxZipEntries(16)
                .maxMimeParts(64)
                .build();
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public DmarcConfig withProtectedDomains(final List<String> domains) {
        return toBuilder().protectedDomains(domains).build();
    }

    public DmarcConfig withKnownSenders(final List<String> cidrs) {
        return toBuilder().knownSenders(cidrs).build();
    }

    /** Named steps over the settings: a call site says which number is which. */
    public static final class Builder {

        private List<String> protectedDomains;
        private List<String> knownSenders;
        private long learnAfterMessages;
        private long spoofingMinMessages;
        private long senderFailingMinMessages;
        private Duration dedupRetention;
        private Duration statsRetention;
        private int maxReportBytes;
        private int maxInflatedBytes;
        private int maxZipEntries;
        private int maxMimeParts;

        private Builder() {}

        private Builder(final DmarcConfig config) {
            protectedDomains = config.protectedDomains();
            knownSenders = config.knownSenders();
            learnAfterMessages = config.learnAfterMessages();
            spoofingMinMessages = config.spoofingMinMessages();
            senderFailingMinMessages = config.senderFailingMinMessages();
            dedupRetention = config.dedupRetention();
            statsRetention = config.statsRetention();
            maxReportBytes = config.maxReportBytes();
            maxInflatedBytes = config.maxInflatedBytes();
            maxZipEntries = config.maxZipEntries();
            maxMimeParts = config.maxMimeParts();
        }

        public Builder protectedDomains(final List<String> value) {
            this.protectedDomains = value;
            return this;
        }

        public Builder knownSenders(final List<String> value) {
            this.knownSenders = value;
            return this;
        }

        public Builder learnAfterMessages(final long value) {
            this.learnAfterMessages = value;
            return this;
        }

        public Builder spoofingMinMessages(final long value) {
            this.spoofingMinMessages = value;
            return this;
        }

        public Builder senderFailingMinMessages(final long value) {
            this.senderFailingMinMessages = value;
            return this;
        }

        public Builder dedupRetention(final Duration value) {
            this.dedupRetention = value;
            return this;
        }

        public Builder statsRetention(final Duration value) {
            this.statsRetention = value;
            return this;
        }

        public Builder maxReportBytes(final int value) {
            this.maxReportBytes = value;
            return this;
        }

        public Builder maxInflatedBytes(final int value) {
            this.maxInflatedBytes = value;
            return this;
        }

        public Builder maxZipEntries(final int value) {
            this.maxZipEntries = value;
            return this;
        }

        public Builder maxMimeParts(final int value) {
            this.maxMimeParts = value;
            return this;
        }

        public DmarcConfig build() {
            return new DmarcConfig(
                    protectedDomains,
                    knownSenders,
                    learnAfterMessages,
                    spoofingMinMessages,
                    senderFailingMinMessages,
                    dedupRetention,
                    statsRetention,
                    maxReportBytes,
                    maxInflatedBytes,
                    maxZipEntries,
                    maxMimeParts);
        }
    }
}
