package io.vigie.core.model;

import java.time.Instant;
import java.util.List;

/**
 * What the analysis of a mail reported by a user found (the EML as the "report phishing" button or the
 * forwarding mailbox sent it). The original bytes are kept apart, unmodified.
 *
 * @param reportId       the report's id: SHA-256 of the original bytes, so a mail reported twice is one report
 * @param receivedAt     when Vigie received the report
 * @param reporter       who reported it (the API caller's {@code reporter} parameter or the forwarder's From), when known
 * @param messageId      the Message-ID header, without angle brackets
 * @param date           the Date header, when readable
 * @param subject        the Subject header, decoded
 * @param from           the From address, lower case
 * @param fromName       the From display name
 * @param replyTo        the Reply-To address, lower case, when present
 * @param returnPath     the Return-Path address, lower case, when present
 * @param received       the Received chain, most recent first: each hop's from/by host names and IP
 * @param authentication the Authentication-Results verdicts: spf, dkim, dmarc (pass, fail, none...), as the
 *                       receiving server wrote them
 * @param urls           every URL found in the text and HTML parts (normalised, de-duplicated), with where
 * @param attachments    every attachment: name, declared and sniffed type, size, SHA-256
 * @param findings       what looks wrong, as short fixed phrases ({@code reply-to differs from from},
 *                       {@code link text shows another host}, {@code executable attachment}...)
 */
public record ReportedMail(
        String reportId,
        Instant receivedAt,
        String reporter,
        String messageId,
        Instant date,
        String subject,
        String from,
        String fromName,
        String replyTo,
        String returnPath,
        List<Hop> received,
        Authentication authentication,
        List<Link> urls,
        List<Attachment> attachments,
        List<String> findings) {

    public ReportedMail {
        received = received == null ? List.of() : List.copyOf(received);
        urls = urls == null ? List.of() : List.copyOf(urls);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** One Received header: the host that handed the message on, its address, and the host that took it. */
    public record Hop(String fromHost, String fromIp, String byHost, Instant time) {}

    /** Authentication-Results of the receiving server (the topmost header). */
    public record Authentication(String spf, String dkim, String dmarc) {}

    /**
     * @param url   normalised
     * @param host  its host
     * @param where {@code text}, {@code html}, {@code html-text} (an address written in the link's text)
     * @param shownAs the link's visible text when it is itself a different URL or host, else null
     */
    public record Link(String url, String host, String where, String shownAs) {}

    /**
     * @param name         the file name (decoded), when given
     * @param declaredType the Content-Type, lower case
     * @param sniffedType  what the first bytes say ({@code application/x-msdownload}, {@code application/zip}...)
     * @param size         decoded size in bytes
     * @param sha256       lower-case hex
     */
    public record Attachment(String name, String declaredType, String sniffedType, long size, String sha256) {}
}
