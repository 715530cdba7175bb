package io.vigie.rules.config;

import java.time.Duration;
import java.util.List;

/**
 * Mail quarantine campaigns.
 *
 * @param format             how {@code raw.quarantine} lines are written: {@code auto} or one format name
 * @param campaignMessages   quarantined messages sharing a trait (attachment, subject, sender domain, link
 *                           domain, a reported mail's indicator) within the window that make a campaign
 * @param campaignWindow     the sliding window
 * @param ignoredSenderDomains sender domains never grouped on (webmail providers: thousands of unrelated senders)
 */
public record QuarantineConfig(
        String format, int campaignMessages, Duration campaignWindow, List<String> ignoredSenderDomains) {

    public QuarantineConfig {
        ignoredSenderDomains = List.copyOf(ignoredSenderDomains);
    }

    public static QuarantineConfig defaults() {
        return new QuarantineConfig(
                "auto",
                5,
                Duration.ofHours(2),
                List.of(
                        "gmail.com",
                        "outlook.com",
                        "hotmail.com",
                        "hotmail.fr",
                        "yahoo.com",
                        "yahoo.fr",
                        "orange.fr",
                        "wanadoo.fr",
                        "free.fr",
                        "laposte.net",
                        "sfr.fr",
                        "icloud.com"));
    }
}
