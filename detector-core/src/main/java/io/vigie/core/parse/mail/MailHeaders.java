package io.vigie.core.parse.mail;

import io.vigie.core.model.ReportedMail.Authentication;
import io.vigie.core.model.ReportedMail.Hop;
import io.vigie.core.net.MailDomains;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.dom.field.UnstructuredField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads the header fields of a reported mail: From (address and display name), Reply-To, Return-Path,
 * Message-ID, Date, Subject, the Received chain and the Authentication-Results verdicts, leniently (a forged
 * header must not cost the report), and the findings the header alone gives. Stateless.
 */
final class MailHeaders {

    static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<\\s*([^<>\\s]+@[^<>\\s]+)\\s*>");
    private static final Pattern RECEIVED_FROM = Pattern.compile("(?i)^\\s*from\\s+([^\\s;()]+)");
    private static final Pattern RECEIVED_BY = Pattern.compile("(?i)\\bby\\s+([^\\s;()]+)");
    private static final Pattern BRACKET_IP = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{3,45})\\]");
    private static final Pattern PAREN_IP = Pattern.compile(
            "\\((?:[^()]*?\\s)?\\[?((?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})\\]?[\\s)]");
    private static final Pattern VERDICT = Pattern.compile("(?i)\\b(spf|dkim|dmarc)\\s*=\\s*([a-z]+)");

    /**
     * The From of a mail.
     *
     * @param address     the address, lower case; null when the field holds none
     * @param displayName the name shown, null when none
     */
    record Sender(String address, String displayName) {}

    private MailHeaders() {}

    /** From's address (lower case) and display name; the parser first, then the last angle address. */
    static Sender from(final List<Field> fields) {
        final Field f = field(fields, "From");
        if (f == null) {
            return new Sender(null, null);
        }
        if (parse(f) instanceof MailboxListField list && list.isValidField()) {
            final MailboxList mailboxes = list.getMailboxList();
            if (mailboxes != null && !mailboxes.isEmpty()) {
                final Mailbox first = mailboxes.get(0);
                if (first.getAddress() != null && first.getAddress().contains("@")) {
                    return new Sender(lower(first.getAddress()), blankToNull(first.getName()));
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
            return new Sender(lower(address), address == null ? blankToNull(body.strip()) : null);
        }
        final String name = body.substring(0, start).replaceAll("^[\\s\"',]+|[\\s\"',]+$", "");
        return new Sender(lower(address), blankToNull(name));
    }

    static String firstAddress(final Field f) {
        if (f == null) {
            return null;
        }
        if (parse(f) instanceof AddressListField list && list.isValidField() && list.getAddressList() != null) {
            final MailboxList mailboxes = list.getAddressList().flatten();
            if (!mailboxes.isEmpty()
                    && String.valueOf(mailboxes.get(0).getAddress()).contains("@")) {
                return lower(mailboxes.get(0).getAddress());
            }
        }
        final Matcher m = ADDRESS.matcher(unfold(f));
        return m.find() ? lower(m.group()) : null;
    }

    static String returnPath(final Field f) {
        if (f == null) {
            return null;
        }
        final Matcher m = ADDRESS.matcher(unfold(f));
        return m.find() ? lower(m.group()) : null;
    }

    static String messageId(final Field f) {
        if (f == null) {
            return null;
        }
        final String id = unfold(f).strip();
        final Matcher angle = Pattern.compile("<([^<>]*)>").matcher(id);
        return blankToNull(angle.find() ? angle.group(1).strip() : id);
    }

    static Instant date(final Field f) {
        return f == null ? null : parseDate(unfold(f));
    }

    static Instant parseDate(final String text) {
        try {
            if (parse(new RawField("Date", text.strip())) instanceof DateTimeField d
                    && d.isValidField()
                    && d.getDate() != null) {
                return d.getDate().toInstant();
            }
        } catch (final RuntimeException unreadable) {
            return null;
        }
        return null;
    }

    static String subject(final Field f) {
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
        return new Hop(
                from.find() ? lower(from.group(1)) : null,
                ip == null ? null : ip.toLowerCase(Locale.ROOT),
                byAt < route.length() ? lower(by.group(1)) : null,
                semicolon < 0 ? null : parseDate(received.substring(semicolon + 1)));
    }

    static Authentication authentication(final Field f) {
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

    static List<String> findings(
            final Sender from, final String replyTo, final String returnPath, final Authentication authentication) {
        final List<String> out = new ArrayList<>();
        final String fromDomain = MailDomains.domainOf(from.address());
        if (differs(fromDomain, MailDomains.domainOf(replyTo))) {
            out.add("reply-to differs from from");
        }
        if (differs(fromDomain, MailDomains.domainOf(returnPath))) {
            out.add("return-path differs from from");
        }
        if (from.displayName() != null) {
            final Matcher m = ADDRESS.matcher(from.displayName());
            if (m.find() && !m.group().equalsIgnoreCase(from.address())) {
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

    static ParsedField parse(final Field f) {
        try {
            return LenientFieldParser.getParser().parse(f, DecodeMonitor.SILENT);
        } catch (final RuntimeException unreadable) {
            return null;
        }
    }

    static Field field(final List<Field> fields, final String name) {
        for (final Field f : fields) {
            if (name.equalsIgnoreCase(f.getName())) {
                return f;
            }
        }
        return null;
    }

    static String unfold(final Field f) {
        final String body = f.getBody();
        return body == null ? "" : MimeUtil.unfold(body);
    }

    static String lower(final String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
