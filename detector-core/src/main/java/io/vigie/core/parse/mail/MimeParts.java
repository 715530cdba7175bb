package io.vigie.core.parse.mail;

import io.vigie.core.parse.mail.MimeReader.Parsed;
import io.vigie.core.parse.mail.MimeReader.Part;
import io.vigie.core.parse.mail.MimeReader.Refusal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Walks the MIME parts {@link MimeReader} gives: unwraps a forward to the reported original, tells a body from an
 * attachment, names a part's file (RFC 2231 and 2047) and decodes its text. Stateless.
 */
final class MimeParts {

    /** A forward of a forward is unwrapped too, this many times at most. */
    private static final int MAX_UNWRAP = 3;
    /** A header field name at the very start: what an e-mail (or an mbox "From " line) begins with. */
    private static final Pattern MAIL_START = Pattern.compile("^(From |[!-9;-~]{1,76}:)");

    /**
     * The message a report is about, and who reported it.
     *
     * @param message    the innermost original (the report itself when it wraps none)
     * @param reportedBy the reporter given, else the From of the outermost forward wrapper, else null
     */
    record Reported(Parsed message, String reportedBy) {}

    private MimeParts() {}

    /** Unwraps forward wrappers (at most {@link #MAX_UNWRAP}) down to the reported original. */
    static Reported unwrap(final MimeReader reader, final byte[] raw, final String reporter) throws Refusal {
        Parsed message = reader.read(raw);
        String reportedBy = reporter == null || reporter.isBlank() ? null : reporter.strip();
        for (int i = 0; i < MAX_UNWRAP; i++) {
            final Part original = forwardedOriginal(message);
            if (original == null || !looksLikeMail(original.content())) {
                break;
            }
            if (reportedBy == null) {
                reportedBy = MailHeaders.from(message.fields()).address();
            }
            message = reader.read(original.content());
        }
        return new Reported(message, reportedBy);
    }

    /** Whether a part is the message's text (plain or HTML, not named, not an attachment) rather than a file. */
    static boolean isBody(final Part part, final String name) {
        return name == null
                && !isAttachmentDisposition(part)
                && ("text/plain".equals(part.mimeType()) || "text/html".equals(part.mimeType()));
    }

    /**
     * The {@code message/rfc822} part a forward wrapper carries when it is the only substantive part: the
     * other parts are the reporter's note (text or HTML) and inline images of a signature.
     */
    static Part forwardedOriginal(final Parsed message) {
        Part original = null;
        for (final Part part : message.parts()) {
            final String name = fileName(part);
            final boolean attachedMessage = part.depth() <= 1
                    && ("message/rfc822".equals(part.mimeType())
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

    static boolean isAttachmentDisposition(final Part part) {
        final Field f = MailHeaders.field(part.fields(), "Content-Disposition");
        return f != null && MailHeaders.parse(f) instanceof ContentDispositionField cd && cd.isAttachment();
    }

    /** The file name: Content-Disposition filename (RFC 2231 or 2047), else the Content-Type name. */
    static String fileName(final Part part) {
        final Field disposition = MailHeaders.field(part.fields(), "Content-Disposition");
        if (disposition != null && MailHeaders.parse(disposition) instanceof ContentDispositionField cd) {
            final String name = parameter(cd.getParameters(), "filename");
            if (name != null) {
                return name;
            }
        }
        final Field type = MailHeaders.field(part.fields(), "Content-Type");
        if (type != null && MailHeaders.parse(type) instanceof ContentTypeField ct) {
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
            return MailHeaders.blankToNull(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
        }
        final String plain = parameters.get(name);
        return plain == null
                ? null
                : MailHeaders.blankToNull(DecoderUtil.decodeEncodedWords(plain, DecodeMonitor.SILENT));
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
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            final char c = encoded.charAt(i);
            if (c == '%'
                    && i + 2 < encoded.length()
                    && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(charset);
    }

    static String text(final Part part) {
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

    static boolean looksLikeMail(final byte[] raw) {
        final String head = new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1);
        return MAIL_START.matcher(head).find();
    }

    static boolean isBlank(final byte[] raw) {
        for (final byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
