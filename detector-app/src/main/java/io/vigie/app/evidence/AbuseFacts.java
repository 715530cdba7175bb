package io.vigie.app.evidence;

import io.vigie.core.model.ReportedMail;
import io.vigie.core.net.InternalNetworks;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What an abuse report says about one reported mail, from Vigie's analysis of it.
 *
 * @param reportId       SHA-256 of the EML
 * @param feedbackType   {@code fraud} (phishing: the mail carries links, attachments or findings) or {@code abuse}
 * @param sendingDomain  the From domain (else the Return-Path's), null when the mail names none
 * @param sourceIp       the address of the first external Received hop: the server that handed the mail to ours,
 *                       null when no hop is external
 * @param arrivalDate    when our side received it (that hop's time, else the Date header, else when it was reported)
 * @param mail           the analysis
 */
record AbuseFacts(
        String reportId,
        String feedbackType,
        String sendingDomain,
        String sourceIp,
        Instant arrivalDate,
        ReportedMail mail) {

    /** Private, loopback, link-local and unique-local ranges: never the external hop. */
    private static final InternalNetworks NON_PUBLIC = InternalNetworks.of(
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "::1/128",
            "fc00::/7",
            "fe80::/10");

    static AbuseFacts of(final ReportedMail mail, final InternalNetworks internal) {
        ReportedMail.Hop external = null;
        for (final ReportedMail.Hop hop : mail.received()) {
            if (hop.fromIp() != null && !internal.contains(hop.fromIp()) && !NON_PUBLIC.contains(hop.fromIp())) {
                external = hop;
                break;
            }
        }
        final Instant arrival = external != null && external.time() != null
                ? external.time()
                : mail.date() != null ? mail.date() : mail.receivedAt();
        final boolean phishing = !mail.urls().isEmpty()
                || !mail.attachments().isEmpty()
                || !mail.findings().isEmpty();
        return new AbuseFacts(
                mail.reportId(),
                phishing ? "fraud" : "abuse",
                domainOf(mail.from() != null ? mail.from() : mail.returnPath()),
                external == null ? null : external.fromIp(),
                arrival,
                mail);
    }

    /**
     * The URLs the mail leads to, at most {@code max}: those of its text and of its links' targets, not those written
     * in a link's text ({@code html-text}), which are often the genuine site the phishing imitates.
     */
    List<String> urls(final int max) {
        return mail.urls().stream()
                .filter(l -> !"html-text".equals(l.where()))
                .map(ReportedMail.Link::url)
                .distinct()
                .limit(max)
                .toList();
    }

    private static String domainOf(final String address) {
        if (address == null) {
            return null;
        }
        final int at = address.lastIndexOf('@');
        final String domain = at < 0 ? null : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        // only a plain host name goes into an address or a header
        return domain != null && domain.matches("[a-z0-9]([a-z0-9-]{0,62}\\.)+[a-z0-9-]{2,63}") ? domain : null;
    }
}
