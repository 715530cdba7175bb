package io.vigie.core.parse.mail;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ReportedMail;
import io.vigie.core.model.ReportedMail.Attachment;
import io.vigie.core.model.ReportedMail.Authentication;
import io.vigie.core.model.ReportedMail.Hop;
import io.vigie.core.model.ReportedMail.Link;
import io.vigie.core.net.MailDomains;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.intel.IndicatorListParser;
import io.vigie.core.parse.mail.MimeReader.Parsed;
import io.vigie.core.parse.mail.MimeReader.Part;
import io.vigie.core.parse.mail.MimeReader.Refusal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.dom.field.UnstructuredField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;

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
 */
public final class ReportedMailAnalyzer {

    public static final String SOURCE = "report";
    public static final int DEFAULT_MAX_INPUT_BYTES = 25 * 1024 * 1024;
    public static final int DEFAULT_MAX_PARTS = 1_000;
    public static final int DEFAULT_MAX_HEADERS = 1_000;
    public static final int DEFAULT_MAX_DEPTH = 20;
    public static final int DEFAULT_MAX_URLS = 500;
    /** Big webmail providers: anyone can have an address there, so their domain says nothing. */
    public static final Set<String> DEFAULT_WEBMAIL = Set.of("gmail.com", "googlemail.com", "outlook.com",
            "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com", "yahoo.com", "yahoo.fr", "icloud.com",
            "aol.com", "gmx.com", "gmx.de", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr");

    /** A forward of a forward is unwrapped too, this many times at most. */
    private static final int MAX_UNWRAP = 3;
    /** A header field name at the very start: what an e-mail (or an mbox "From " line) begins with. */
    private static final Pattern MAIL_START = Pattern.compile("^(From |[!-9;-~]{1,76}:)");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<\\s*([^<>\\s]+@[^<>\\s]+)\\s*>");
    private static final Pattern RECEIVED_FROM = Pattern.compile("(?i)^\\s*from\\s+([^\\s;()]+)");
    private static final Pattern RECEIVED_BY = Pattern.compile("(?i)\\bby\\s+([^\\s;()]+)");
    private static final Pattern BRACKET_IP = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{3,45})\\]");
    private static final Pattern PAREN_IP = Pattern.compile(
            "\\((?:[^()]*?\\s)?\\[?((?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})\\]?[\\s)]");
    private static final Pattern VERDICT = Pattern.compile("(?i)\\b(spf|dkim|dmarc)\\s*=\\s*([a-z]+)");

    private final int maxInputBytes;
    private final int maxUrls;
    private final MimeReader reader;
    private final Set<String> webmail;

    public ReportedMailAnalyzer() {
        this(DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_PARTS, DEFAULT_MAX_HEADERS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_URLS,
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
    public ReportedMailAnalyzer(final int maxInputBytes, final int maxParts, final int maxHeaders,
            final int maxDepth, final int maxUrls, final Collection<String> webmail) {
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
        this.webmail = Set.copyOf(domains);
    }

    /**
     * @param raw        the reported mail as received, unmodified
     * @param receivedAt when Vigie received it
     * @param reporter   who reported it, or null: then the From of a forward wrapper, when there is one
     */
    public ParseResult<ReportedMail> analyze(final byte[] raw, final Instant receivedAt, final String reporter) {
        if (raw == null || raw.length == 0 || isBlank(raw)) {
            return ParseResult.failed(SOURCE, "empty", "0 bytes");
        }
        final String reportId = sha256(raw);
        final String summary = raw.length + " bytes, sha256 " + reportId;
        if (raw.length > maxInputBytes) {
            return ParseResult.failed(SOURCE, "too large", summary);
        }
        if (!looksLikeMail(raw)) {
            return ParseResult.failed(SOURCE, "not a mail", summary);
        }
        try {
            Parsed message = reader.read(raw);
            String reportedBy = reporter == null || reporter.isBlank() ? null : reporter.strip();
            for (int i = 0; i < MAX_UNWRAP; i++) {
                final Part original = forwardedOriginal(message);
                if (original == null || !looksLikeMail(original.content())) {
                    break;
                }
                if (reportedBy == null) {
                    reportedBy = fromOf(message.fields())[0];
                }
                message = reader.read(original.content());
            }
            return ParseResult.ok(analyze(message, reportId, receivedAt, reportedBy));
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
        final List<Indicator> out = new ArrayList<>();
        final String domain = UrlNormalizer.host(MailDomains.domainOf(mail.from()));
        final boolean forged = mail.authentication() != null && "fail".equals(mail.authentication().dmarc());
        if (domain != null && domain.contains(".") && !isWebmail(domain) && !forged) {
            out.add(indicator(Indicator.Kind.HOST, domain, mail, added));
        }
        final Set<String> decoys = new LinkedHashSet<>();
        for (final Link link : mail.urls()) {
            if (link.shownAs() != null) {
                decoys.add(String.valueOf(UrlNormalizer.normalize(
                        IndicatorListParser.refang(link.shownAs()))));
            }
        }
        for (final Link link : mail.urls()) {
            if (!("html-text".equals(link.where()) && decoys.contains(link.url()))) {
                out.add(indicator(Indicator.Kind.URL, link.url(), mail, added));
            }
        }
        final Set<String> hashes = new LinkedHashSet<>();
        for (final Attachment attachment : mail.attachments()) {
            if (hashes.add(attachment.sha256())) {
                out.add(indicator(Indicator.Kind.HASH, attachment.sha256(), mail, added));
            }
        }
        return List.copyOf(out);
    }

    private boolean isWebmail(final String domain) {
        for (final String w : webmail) {
            if (domain.equals(w) || domain.endsWith("." + w)) {
                return true;
            }
        }
        return false;
    }

    private static Indicator indicator(final Indicator.Kind kind, final String value, final ReportedMail mail,
            final Instant added) {
        return new Indicator(kind, value, SOURCE, mail.reportId(), null, List.of(), null, added, null);
    }

    private ReportedMail analyze(final Parsed message, final String reportId, final Instant receivedAt,
            final String reporter) {
        final List<Field> fields = message.fields();
        final String[] from = fromOf(fields);
        final String replyTo = firstAddress(field(fields, "Reply-To"));
        final String returnPath = returnPath(field(fields, "Return-Path"));
        final List<Hop> hops = new ArrayList<>();
        for (final Field f : fields) {
            if ("received".equalsIgnoreCase(f.getName())) {
                hops.add(hop(unfold(f)));
            }
        }
        final Authentication authentication = authentication(field(fields, "Authentication-Results"));
        final LinkExtractor links = new LinkExtractor(maxUrls);
        final List<Attachment> attachments = new ArrayList<>();
        final Set<String> findings = new LinkedHashSet<>();
        for (final Part part : message.parts()) {
            final String name = fileName(part);
            final String sniffed = FileTypes.sniff(part.content());
            final boolean body = name == null && !isAttachmentDisposition(part)
                    && ("text/plain".equals(part.mimeType()) || "text/html".equals(part.mimeType()));
            if ("text/html".equals(part.mimeType()) || "text/html".equals(sniffed)
                    || "application/hta".equals(sniffed)) {
                links.fromHtml(text(part));
            } else if ("text/plain".equals(part.mimeType())) {
                links.fromText(text(part));
            }
            if (!body) {
                final Attachment attachment = new Attachment(name, part.mimeType(), sniffed, part.content().length,
                        sha256(part.content()));
                attachments.add(attachment);
                findings.addAll(attachmentFindings(attachment, part.content()));
            }
        }
        final List<Link> urls = links.links();
        final List<String> headerFindings = headerFindings(from, replyTo, returnPath, authentication);
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
        return new ReportedMail(reportId, receivedAt, reporter, messageId(field(fields, "Message-ID")),
                date(field(fields, "Date")), subject(field(fields, "Subject")), from[0], from[1], replyTo,
                returnPath, hops, authentication, urls, attachments, List.copyOf(all));
    }

    private static List<String> headerFindings(final String[] from, final String replyTo, final String returnPath,
            final Authentication authentication) {
        final List<String> out = new ArrayList<>();
        final String fromDomain = MailDomains.domainOf(from[0]);
        if (differs(fromDomain, MailDomains.domainOf(replyTo))) {
            out.add("reply-to differs from from");
        }
        if (differs(fromDomain, MailDomains.domainOf(returnPath))) {
            out.add("return-path differs from from");
        }
        if (from[1] != null) {
            final Matcher m = ADDRESS.matcher(from[1]);
            if (m.find() && !m.group().equalsIgnoreCase(from[0])) {
                out.add("display name contains an address");
            }
        }
        if ("fail".equals(authentication.spf())) {
            out.add("spf fail");
        }
        if ("fail".equals(authentication.dkim())) {
            out.add("dkim fail");
        }
        if ("fail".equals(authentication.dmarc())) {
            out.add("dmarc fail");
        }
        return out;
    }

    private static boolean differs(final String a, final String b) {
        return a != null && b != null && !a.equals(b);
    }

    private static List<String> attachmentFindings(final Attachment a, final byte[] content) {
        final List<String> out = new ArrayList<>();
        final String sniffedFamily = FileTypes.familyOfType(a.sniffedType());
        final String nameFamily = FileTypes.familyOfName(a.name());
        final String declaredFamily = FileTypes.familyOfType(a.declaredType());
        if (FileTypes.executableExtension(a.name()) || in(FileTypes.EXECUTABLE_FAMILIES, sniffedFamily)) {
            out.add("executable attachment");
        }
        if (sniffedFamily != null && (mismatch(sniffedFamily, nameFamily) || mismatch(sniffedFamily, declaredFamily))) {
            out.add("attachment type mismatch");
        }
        if (FileTypes.macroExtension(a.name()) || (FileTypes.OOXML.equals(sniffedFamily)
                || FileTypes.OLE.equals(sniffedFamily)) && FileTypes.hasMacros(content)) {
            out.add("macro-enabled office attachment");
        }
        if (in(FileTypes.ARCHIVE_FAMILIES, sniffedFamily) || in(FileTypes.ARCHIVE_FAMILIES, nameFamily)) {
            out.add("archive attachment");
        }
        if (FileTypes.HTML.equals(sniffedFamily) || FileTypes.HTA.equals(sniffedFamily)
                || FileTypes.HTML.equals(nameFamily) || FileTypes.HTA.equals(nameFamily)
                || "text/html".equals(a.declaredType()) && a.name() != null) {
            out.add("html attachment");
        }
        return out;
    }

    private static boolean in(final Set<String> set, final String value) {
        return value != null && set.contains(value);
    }

    /** An OOXML document is a zip, so a {@code .zip} holding one, or a docx sent as zip, is no mismatch. */
    private static boolean mismatch(final String sniffed, final String other) {
        if (other == null || other.equals(sniffed)) {
            return false;
        }
        final boolean zipLike = Set.of(FileTypes.ZIP, FileTypes.OOXML).containsAll(Set.of(sniffed, other));
        final boolean htmlLike = Set.of(FileTypes.HTML, FileTypes.HTA).containsAll(Set.of(sniffed, other));
        return !zipLike && !htmlLike;
    }

    /**
     * The {@code message/rfc822} part a forward wrapper carries when it is the only substantive part: the
     * other parts are the reporter's note (text or HTML) and inline images of a signature.
     */
    private static Part forwardedOriginal(final Parsed message) {
        Part original = null;
        for (final Part part : message.parts()) {
            final String name = fileName(part);
            final boolean attachedMessage = part.depth() <= 1 && ("message/rfc822".equals(part.mimeType())
                    || name != null && name.toLowerCase(Locale.ROOT).endsWith(".eml"));
            if (attachedMessage) {
                if (original != null) {
                    return null;
                }
                original = part;
            } else if (!isNote(part, name)) {
                return null;
            }
        }
        return original;
    }

    private static boolean isNote(final Part part, final String name) {
        if (part.mimeType().startsWith("text/plain") || part.mimeType().startsWith("text/html")) {
            return name == null && !isAttachmentDisposition(part);
        }
        return part.mimeType().startsWith("image/") && !isAttachmentDisposition(part);
    }

    private static boolean isAttachmentDisposition(final Part part) {
        final Field f = field(part.fields(), "Content-Disposition");
        return f != null && parse(f) instanceof ContentDispositionField cd && cd.isAttachment();
    }

    /** The file name: Content-Disposition filename (RFC 2231 or 2047), else the Content-Type name. */
    static String fileName(final Part part) {
        final Field disposition = field(part.fields(), "Content-Disposition");
        if (disposition != null && parse(disposition) instanceof ContentDispositionField cd) {
            final String name = parameter(cd.getParameters(), "filename");
            if (name != null) {
                return name;
            }
        }
        final Field type = field(part.fields(), "Content-Type");
        if (type != null && parse(type) instanceof ContentTypeField ct) {
            return parameter(ct.getParameters(), "name");
        }
        return null;
    }

    /**
     * A parameter's value: {@code name*} and {@code name*0*, name*1*...} (RFC 2231, charset and percent
     * encoding) when present, else {@code name}, RFC 2047 encoded words decoded (what Outlook sends).
     */
    static String parameter(final Map<String, String> parameters, final String name) {
        final Map<Integer, String> sections = new TreeMap<>();
        boolean encoded = false;
        for (final Map.Entry<String, String> e : parameters.entrySet()) {
            final String key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.equals(name + "*")) {
                sections.put(0, e.getValue());
                encoded = true;
            } else if (key.startsWith(name + "*")) {
                final String index = key.substring(name.length() + 1).replace("*", "");
                try {
                    sections.put(Integer.parseInt(index), e.getValue());
                } catch (final NumberFormatException ignored) {
                    continue;
                }
                encoded |= key.endsWith("*") || key.indexOf('*') != key.lastIndexOf('*');
            }
        }
        if (!sections.isEmpty()) {
            final String joined = String.join("", sections.values());
            final String value = encoded ? rfc2231(joined) : joined;
            return blankToNull(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
        }
        final String plain = parameters.get(name);
        return plain == null ? null : blankToNull(DecoderUtil.decodeEncodedWords(plain, DecodeMonitor.SILENT));
    }

    /** {@code UTF-8'fr'na%C3%AFve.pdf}: charset, language, percent-encoded bytes. */
    private static String rfc2231(final String value) {
        final int first = value.indexOf('\'');
        final int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return value;
        }
        final Charset charset = charset(value.substring(0, first));
        final String encoded = value.substring(second + 1);
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            final char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(charset);
    }

    private static String text(final Part part) {
        return new String(part.content(), charset(part.charset()));
    }

    private static Charset charset(final String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            final Charset charset = CharsetUtil.lookup(name.strip());
            return charset == null ? StandardCharsets.UTF_8 : charset;
        } catch (final RuntimeException unsupported) {
            return StandardCharsets.UTF_8;
        }
    }

    /** From's address (lower case) and display name; the parser first, then the last angle address. */
    private static String[] fromOf(final List<Field> fields) {
        final Field f = field(fields, "From");
        if (f == null) {
            return new String[] {null, null};
        }
        if (parse(f) instanceof MailboxListField list && list.isValidField()) {
            final MailboxList mailboxes = list.getMailboxList();
            if (mailboxes != null && !mailboxes.isEmpty()) {
                final Mailbox first = mailboxes.get(0);
                if (first.getAddress() != null && first.getAddress().contains("@")) {
                    return new String[] {lower(first.getAddress()), blankToNull(first.getName())};
                }
            }
        }
        final String body = DecoderUtil.decodeEncodedWords(unfold(f), DecodeMonitor.SILENT);
        final Matcher angle = ANGLE_ADDRESS.matcher(body);
        String address = null;
        int start = -1;
        while (angle.find()) {
            address = angle.group(1);
            start = angle.start();
        }
        if (address == null) {
            final Matcher bare = ADDRESS.matcher(body);
            address = bare.find() ? bare.group() : null;
            return new String[] {lower(address), address == null ? blankToNull(body.strip()) : null};
        }
        final String name = body.substring(0, start).replaceAll("^[\\s\"',]+|[\\s\"',]+$", "");
        return new String[] {lower(address), blankToNull(name)};
    }

    private static String firstAddress(final Field f) {
        if (f == null) {
            return null;
        }
        if (parse(f) instanceof AddressListField list && list.isValidField() && list.getAddressList() != null) {
            final MailboxList mailboxes = list.getAddressList().flatten();
            if (!mailboxes.isEmpty() && String.valueOf(mailboxes.get(0).getAddress()).contains("@")) {
                return lower(mailboxes.get(0).getAddress());
            }
        }
        final Matcher m = ADDRESS.matcher(unfold(f));
        return m.find() ? lower(m.group()) : null;
    }

    private static String returnPath(final Field f) {
        if (f == null) {
            return null;
        }
        final Matcher m = ADDRESS.matcher(unfold(f));
        return m.find() ? lower(m.group()) : null;
    }

    private static String messageId(final Field f) {
        if (f == null) {
            return null;
        }
        final String id = unfold(f).strip();
        final Matcher angle = Pattern.compile("<([^<>]*)>").matcher(id);
        return blankToNull(angle.find() ? angle.group(1).strip() : id);
    }

    private static Instant date(final Field f) {
        return f == null ? null : parseDate(unfold(f));
    }

    private static Instant parseDate(final String text) {
        try {
            if (parse(new RawField("Date", text.strip())) instanceof DateTimeField d && d.isValidField()
                    && d.getDate() != null) {
                return d.getDate().toInstant();
            }
        } catch (final RuntimeException unreadable) {
            return null;
        }
        return null;
    }

    private static String subject(final Field f) {
        if (f == null) {
            return null;
        }
        if (parse(f) instanceof UnstructuredField u && u.getValue() != null) {
            return u.getValue().strip();
        }
        return DecoderUtil.decodeEncodedWords(unfold(f), DecodeMonitor.SILENT).strip();
    }

    static Hop hop(final String received) {
        final int semicolon = received.lastIndexOf(';');
        final String route = semicolon < 0 ? received : received.substring(0, semicolon);
        final Matcher from = RECEIVED_FROM.matcher(route);
        final Matcher by = RECEIVED_BY.matcher(route);
        final int byAt = by.find() ? by.start() : route.length();
        final String fromPart = route.substring(0, byAt);
        String ip = null;
        final Matcher bracket = BRACKET_IP.matcher(fromPart);
        if (bracket.find()) {
            ip = bracket.group(1);
        } else {
            final Matcher paren = PAREN_IP.matcher(fromPart + " ");
            if (paren.find()) {
                ip = paren.group(1);
            }
        }
        return new Hop(from.find() ? lower(from.group(1)) : null, ip == null ? null : ip.toLowerCase(Locale.ROOT),
                byAt < route.length() ? lower(by.group(1)) : null,
                semicolon < 0 ? null : parseDate(received.substring(semicolon + 1)));
    }

    private static Authentication authentication(final Field f) {
        if (f == null) {
            return new Authentication(null, null, null);
        }
        String spf = null;
        String dkim = null;
        String dmarc = null;
        final Matcher m = VERDICT.matcher(unfold(f));
        while (m.find()) {
            final String result = m.group(2).toLowerCase(Locale.ROOT);
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "spf" -> spf = spf == null ? result : spf;
                case "dkim" -> dkim = dkim == null || "fail".equals(result) && !"pass".equals(dkim) ? result : dkim;
                default -> dmarc = dmarc == null ? result : dmarc;
            }
        }
        return new Authentication(spf, dkim, dmarc);
    }

    private static ParsedField parse(final Field f) {
        try {
            return LenientFieldParser.getParser().parse(f, DecodeMonitor.SILENT);
        } catch (final RuntimeException unreadable) {
            return null;
        }
    }

    private static Field field(final List<Field> fields, final String name) {
        for (final Field f : fields) {
            if (name.equalsIgnoreCase(f.getName())) {
                return f;
            }
        }
        return null;
    }

    private static String unfold(final Field f) {
        final String body = f.getBody();
        return body == null ? "" : MimeUtil.unfold(body);
    }

    private static boolean looksLikeMail(final byte[] raw) {
        final String head = new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1);
        return MAIL_START.matcher(head).find();
    }

    private static boolean isBlank(final byte[] raw) {
        for (final byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String lower(final String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
