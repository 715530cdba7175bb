package io.vigie.core.parse.mail;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ReportedMail;
import io.vigie.core.model.ReportedMail.Attachment;
import io.vigie.core.model.ReportedMail.Authentication;
import io.vigie.core.model.ReportedMail.Hop;
import io.vigie.core.model.ReportedMail.Link;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.mail.MimeReader.Parsed;
import io.vigie.core.parse.mail.MimeReader.Part;
import io.vigie.core.parse.mail.MimeReader.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.stream.Field;

/**
 * Analyses a mail a user reported as suspicious ({@code message/rfc822}, as the "report phishing" button or a
 * forwarding mailbox sends it): headers, Received chain, authentication verdicts, URLs, attachments, and
 * findings, as a {@link ReportedMail}; and the indicators worth publishing from it.
 *
 * <p>Anyone can make a user report a mail, so the input is hostile: the size, the number of MIME parts,
 * the header fields per entity and the nesting depth are bounded, and a refusal is a failed
 * {@link ParseResult} with one of the fixed reasons {@code empty}, {@code too large}, {@code not a mail},
 * {@code too many parts} (also for nesting deeper than the limit) or {@code corrupt mime} (also for more
 * header fields than the limit), never an exception. Thread-safe.
 *
 * <p>It composes one class per job: {@link MimeReader} and {@link MimeParts} walk the MIME tree and unwrap
 * forwards, {@link MailHeaders} reads the header fields, {@link AttachmentSniffer} sniffs the files,
 * {@link LinkExtractor} finds the URLs, {@link ReportedMailIndicators} picks what to publish.
 */
public final class ReportedMailAnalyzer {

    public static final String SOURCE = "report";
    public static final int DEFAULT_MAX_INPUT_BYTES = 25 * 1024 * 1024;
    public static final int DEFAULT_MAX_PARTS = 1_000;
    public static final int DEFAULT_MAX_HEADERS = 1_000;
    public static final int DEFAULT_MAX_DEPTH = 20;
    public static final int DEFAULT_MAX_URLS = 500;
    /** Big webmail providers: anyone can have an address there, so their domain says nothing. */
    public static final Set<String> DEFAULT_WEBMAIL = Set.of(
            "gmail.com",
            "googlemail.com",
            "outlook.com",
            "hotmail.com",
            "hotmail.fr",
            "live.com",
            "live.fr",
            "msn.com",
            "yahoo.com",
            "yahoo.fr",
            "icloud.com",
            "aol.com",
            "gmx.com",
            "gmx.de",
            "orange.fr",
            "wanadoo.fr",
            "free.fr",
            "laposte.net",
            "sfr.fr");

    private final int maxInputBytes;
    private final int maxUrls;
    private final MimeReader reader;
    private final ReportedMailIndicators indicators;

    public ReportedMailAnalyzer() {
        this(
                DEFAULT_MAX_INPUT_BYTES,
                DEFAULT_MAX_PARTS,
                DEFAULT_MAX_HEADERS,
                DEFAULT_MAX_DEPTH,
                DEFAULT_MAX_URLS,
                DEFAULT_WEBMAIL);
    }

    /**
     * @param maxInputBytes largest mail accepted
     * @param maxParts      most MIME parts in a message (the unwrapped original counted apart from its wrapper)
     * @param maxHeaders    most header fields in one entity
     * @param maxDepth      deepest multipart nesting
     * @param maxUrls       most URLs kept; the others are dropped
     * @param webmail       sender domains never published as indicators
     */
    public ReportedMailAnalyzer(
            final int maxInputBytes,
            final int maxParts,
            final int maxHeaders,
            final int maxDepth,
            final int maxUrls,
            final Collection<String> webmail) {
        if (maxInputBytes < 1 || maxParts < 1 || maxHeaders < 1 || maxDepth < 1 || maxUrls < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxInputBytes = maxInputBytes;
        this.maxUrls = maxUrls;
        this.reader = new MimeReader(maxParts, maxHeaders, maxDepth);
        final Set<String> domains = new LinkedHashSet<>();
        for (final String domain : webmail) {
            domains.add(domain.strip().toLowerCase(Locale.ROOT));
        }
        this.indicators = new ReportedMailIndicators(domains);
    }

    /**
     * @param raw        the reported mail as received, unmodified
     * @param receivedAt when Vigie received it
     * @param reporter   who reported it, or null: then the From of a forward wrapper, when there is one
     */
    public ParseResult<ReportedMail> analyze(final byte[] raw, final Instant receivedAt, final String reporter) {
        if (raw == null || raw.length == 0 || MimeParts.isBlank(raw)) {
            return ParseResult.failed(SOURCE, "empty", "0 bytes");
        }
        final String reportId = sha256(raw);
        final String summary = raw.length + " bytes, sha256 " + reportId;
        if (raw.length > maxInputBytes) {
            return ParseResult.failed(SOURCE, "too large", summary);
        }
        if (!MimeParts.looksLikeMail(raw)) {
            return ParseResult.failed(SOURCE, "not a mail", summary);
        }
        try {
            final MimeParts.Reported reported = MimeParts.unwrap(reader, raw, reporter);
            return ParseResult.ok(analyze(reported.message(), reportId, receivedAt, reported.reportedBy()));
        } catch (final Refusal refusal) {
            return ParseResult.failed(SOURCE, refusal.getMessage(), summary);
        } catch (final RuntimeException bug) {
            // As in GuardedLineParser: a bug on one hostile mail costs that report (to the DLQ), not the stream.
            return ParseResult.failed(SOURCE, "corrupt mime", summary);
        }
    }

    /**
     * What to publish from a report: the sender's domain, every URL and every attachment hash, with source
     * {@code report} and the report id as reference.
     *
     * <p>Two things a phishing mail names are its victims, not the attacker, and are left out so that the
     * proxy does not alert on every visit to them: the From domain when DMARC failed (the From is then
     * forged, typically a bank's or the tax office's own domain), and the address an anchor shows while
     * pointing elsewhere (the decoy). A big webmail domain is left out too: it says nothing.
     */
    public List<Indicator> indicators(final ReportedMail mail, final Instant added) {
        return indicators.indicators(mail, added);
    }

    private ReportedMail analyze(
            final Parsed message, final String reportId, final Instant receivedAt, final String reporter) {
        final List<Field> fields = message.fields();
        final MailHeaders.Sender from = MailHeaders.from(fields);
        final String replyTo = MailHeaders.firstAddress(MailHeaders.field(fields, "Reply-To"));
        final String returnPath = MailHeaders.returnPath(MailHeaders.field(fields, "Return-Path"));
        final List<Hop> hops = new ArrayList<>();
        for (final Field f : fields) {
            if ("received".equalsIgnoreCase(f.getName())) {
                hops.add(MailHeaders.hop(MailHeaders.unfold(f)));
            }
        }
        final Authentication authentication =
                MailHeaders.authentication(MailHeaders.field(fields, "Authentication-Results"));
        final LinkExtractor links = new LinkExtractor(maxUrls);
        final List<Attachment> attachments = new ArrayList<>();
        final Set<String> findings = new LinkedHashSet<>();
        for (final Part part : message.parts()) {
            final String name = MimeParts.fileName(part);
            final String sniffed = AttachmentSniffer.sniff(part);
            final boolean body = MimeParts.isBody(part, name);
            if ("text/html".equals(part.mimeType())
                    || "text/html".equals(sniffed)
                    || "application/hta".equals(sniffed)) {
                links.fromHtml(MimeParts.text(part));
            } else if ("text/plain".equals(part.mimeType())) {
                links.fromText(MimeParts.text(part));
            }
            if (!body) {
                final Attachment attachment = AttachmentSniffer.attachment(part, name, sniffed);
                attachments.add(attachment);
                findings.addAll(AttachmentSniffer.findings(attachment, part.content()));
            }
        }
        final List<Link> urls = links.links();
        final List<String> headerFindings = MailHeaders.findings(from, replyTo, returnPath, authentication);
        final Set<String> all = new LinkedHashSet<>(headerFindings);
        for (final Link link : urls) {
            if (link.shownAs() != null) {
                all.add("link text shows another host");
            }
            if (LinkExtractor.isIpHost(link.host())) {
                all.add("ip address link");
            }
        }
        all.addAll(findings);
        return new ReportedMail(
                reportId,
                receivedAt,
                reporter,
                MailHeaders.messageId(MailHeaders.field(fields, "Message-ID")),
                MailHeaders.date(MailHeaders.field(fields, "Date")),
                MailHeaders.subject(MailHeaders.field(fields, "Subject")),
                from.address(),
                from.displayName(),
                replyTo,
                returnPath,
                hops,
                authentication,
                urls,
                attachments,
                List.copyOf(all));
    }

    /** The report id: the SHA-256 of the mail as received. */
    static String sha256(final byte[] bytes) {
        return AttachmentSniffer.sha256(bytes);
    }
}
