package io.vigie.core.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Finds the DMARC aggregate report XML in what arrives at the {@code rua} mailbox or in a report directory:
 * plain XML, gzip ({@code .xml.gz}), zip ({@code .zip}, the first {@code .xml} entry), or a whole e-mail
 * (MIME) carrying any of these as attachments. The kind is decided by magic bytes, never by file name.
 *
 * <p>Whoever can send mail to the {@code rua} address controls these bytes: the input size, the inflated
 * size (over all entries), the number of zip entries and the number of MIME parts are bounded, and every
 * refusal is a failed {@link ParseResult} with a short reason, never an exception. Thread-safe.
 */
public final class DmarcPayloadExtractor {

    public static final int DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_INFLATED_BYTES = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_ZIP_ENTRIES = 16;
    public static final int DEFAULT_MAX_MIME_PARTS = 64;

    /** Nested message/rfc822 and multipart levels; real reports use two or three. */
    private static final int MAX_MIME_DEPTH = 8;
    /** A header field name at the very start: what an e-mail (or an mbox "From " line) begins with. */
    private static final Pattern MIME_START = Pattern.compile("^(From |[A-Za-z0-9-]{1,76}:)");

    /** What a payload is, by its first bytes. */
    enum Kind {
        GZIP,
        ZIP,
        XML,
        MIME,
        UNKNOWN
    }

    private final int maxInputBytes;
    private final int maxInflatedBytes;
    private final int maxZipEntries;
    private final int maxMimeParts;

    public DmarcPayloadExtractor() {
        this(DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_ZIP_ENTRIES, DEFAULT_MAX_MIME_PARTS);
    }

    /**
     * @param maxInputBytes    largest file or e-mail accepted
     * @param maxInflatedBytes most bytes a gzip or zip may inflate to (all zip entries together)
     * @param maxZipEntries    most entries in a zip
     * @param maxMimeParts     most MIME entities (parts, nested messages) in an e-mail
     */
    public DmarcPayloadExtractor(
            final int maxInputBytes, final int maxInflatedBytes, final int maxZipEntries, final int maxMimeParts) {
        if (maxInputBytes < 1 || maxInflatedBytes < 1 || maxZipEntries < 1 || maxMimeParts < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxInputBytes = maxInputBytes;
        this.maxInflatedBytes = maxInflatedBytes;
        this.maxZipEntries = maxZipEntries;
        this.maxMimeParts = maxMimeParts;
    }

    /**
     * The report XML documents (undecoded bytes: the parser honours their BOM and XML declaration) found in
     * {@code raw}, at least one; or a failure such as {@code decompressed size over limit},
     * {@code too many zip entries}, {@code corrupt gzip}, {@code corrupt zip}, {@code no report in message}.
     */
    public ParseResult<List<byte[]>> extract(final byte[] raw) {
        if (raw == null || raw.length == 0 || XmlSniffer.isBlank(raw)) {
            return failed("empty input", raw == null ? new byte[0] : raw);
        }
        if (raw.length > maxInputBytes) {
            return failed("input too large", raw);
        }
        try {
            final Kind kind = kind(raw);
            final List<byte[]> reports = new ArrayList<>();
            switch (kind) {
                case GZIP -> reports.add(requireXml(gunzip(raw), "no report in gzip"));
                case ZIP -> reports.add(unzip(raw));
                case XML -> reports.add(raw);
                case MIME -> {
                    fromMessage(raw, reports);
                    if (reports.isEmpty()) {
                        throw new Refusal("no report in message");
                    }
                }
                default -> throw new Refusal("unknown format");
            }
            return ParseResult.ok(List.copyOf(reports));
        } catch (final Refusal e) {
            return failed(e.getMessage(), raw);
        }
    }

    static Kind kind(final byte[] b) {
        if (b.length >= 2 && b[0] == (byte) 0x1f && b[1] == (byte) 0x8b) {
            return Kind.GZIP;
        }
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6)) {
            return Kind.ZIP;
        }
        if (XmlSniffer.looksLikeXml(b)) {
            return Kind.XML;
        }
        final String head = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1);
        return MIME_START.matcher(head).find() ? Kind.MIME : Kind.UNKNOWN;
    }

    private void fromMessage(final byte[] raw, final List<byte[]> reports) throws Refusal {
        final DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderCount(10_000)
                .setMaxHeaderLen(-1)
                .build());
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        final Message message;
        try {
            message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (final IOException e) {
            throw new Refusal("corrupt message");
        }
        try {
            walk(message, 0, new int[] {0}, reports);
        } finally {
            message.dispose();
        }
    }

    private void walk(final Entity entity, final int depth, final int[] parts, final List<byte[]> reports)
            throws Refusal {
        if (++parts[0] > maxMimeParts) {
            throw new Refusal("too many mime parts");
        }
        if (depth > MAX_MIME_DEPTH) {
            throw new Refusal("mime too deep");
        }
        final Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (final Entity part : multipart.getBodyParts()) {
                walk(part, depth + 1, parts, reports);
            }
        } else if (body instanceof Message inner) {
            walk(inner, depth + 1, parts, reports);
        } else if (body instanceof SingleBody single) {
            final byte[] content;
            try (InputStream in = single.getInputStream()) {
                content = in.readAllBytes();
            } catch (final IOException e) {
                throw new Refusal("corrupt message");
            }
            leaf(entity, content, reports);
        }
    }

    private void leaf(final Entity entity, final byte[] content, final List<byte[]> reports) throws Refusal {
        final Kind kind = kind(content);
        if (kind == Kind.GZIP) {
            final byte[] xml = gunzip(content);
            if (XmlSniffer.looksLikeXml(xml)) {
                reports.add(xml);
            }
        } else if (kind == Kind.ZIP) {
            final byte[] xml = unzipOrNull(content);
            if (xml != null) {
                reports.add(xml);
            }
        } else if (kind == Kind.XML) {
            // Only parts declared as XML: an HTML body also starts with '<'.
            final String type =
                    entity.getMimeType() == null ? "" : entity.getMimeType().toLowerCase(Locale.ROOT);
            final String name =
                    entity.getFilename() == null ? "" : entity.getFilename().toLowerCase(Locale.ROOT);
            if (type.contains("xml") || name.endsWith(".xml")) {
                reports.add(content);
            }
        }
    }

    private byte[] gunzip(final byte[] gz) throws Refusal {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return readBounded(in, maxInflatedBytes);
        } catch (final OverLimit e) {
            throw new Refusal("decompressed size over limit");
        } catch (final IOException e) {
            throw new Refusal("corrupt gzip");
        }
    }

    private byte[] unzip(final byte[] zip) throws Refusal {
        final byte[] xml = unzipOrNull(zip);
        if (xml == null) {
            throw new Refusal("no report in zip");
        }
        return xml;
    }

    /**
     * The first {@code .xml} entry that holds XML, else the first entry that holds XML, else null. Every entry
     * is read through the same budget, so a small report followed by a bomb still stops at the limit.
     */
    private byte[] unzipOrNull(final byte[] zip) throws Refusal {
        byte[] named = null;
        byte[] other = null;
        int entries = 0;
        long budget = maxInflatedBytes;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > maxZipEntries) {
                    throw new Refusal("too many zip entries");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                final byte[] content = readBounded(in, budget);
                budget -= content.length;
                if (!XmlSniffer.looksLikeXml(content)) {
                    continue;
                }
                if (named == null && entry.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    named = content;
                } else if (other == null) {
                    other = content;
                }
            }
        } catch (final OverLimit e) {
            throw new Refusal("decompressed size over limit");
        } catch (final IOException | IllegalArgumentException e) {
            // IllegalArgumentException: an entry name that is not valid in its declared charset
            throw new Refusal("corrupt zip");
        }
        if (entries == 0) {
            throw new Refusal("corrupt zip");
        }
        return named != null ? named : other;
    }

    private static byte[] requireXml(final byte[] content, final String reason) throws Refusal {
        if (!XmlSniffer.looksLikeXml(content)) {
            throw new Refusal(reason);
        }
        return content;
    }

    private static byte[] readBounded(final InputStream in, final long limit) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new OverLimit();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ParseResult<List<byte[]>> failed(final String reason, final byte[] raw) {
        return ParseResult.failed(DmarcReportParser.SOURCE, reason, DmarcReportParser.summary(raw));
    }

    /** Inflation went past its budget. */
    private static final class OverLimit extends IOException {
        private static final long serialVersionUID = 1L;

        OverLimit() {
            super("inflated size over limit", null);
        }
    }

    /** A refusal with its stable reason; control flow inside this class only, never thrown out of it. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(final String reason) {
            super(reason, null, false, false);
        }
    }
}
