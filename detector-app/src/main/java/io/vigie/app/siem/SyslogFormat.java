package io.vigie.app.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Turns an alert (its JSON, as on the {@code alerts} topic) into one RFC 5424 syslog message, framed by
 * octet counting (RFC 6587 section 3.4.1, which RFC 5425 uses over TLS):
 *
 * <pre>
 * LEN SP &lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME - MSGID
 *     [vigie@32473 id="..." level="..." entity="..." rule="..."] JSON
 * </pre>
 *
 * <p>MSGID is the rule id. RFC 5424 allows at most 32 characters there, and some rule ids are longer
 * ({@code vigie.dmarc.legitimate-sender-failing}): those lose their {@code vigie.} prefix (then, if still too
 * long, their end). The full rule id is always in the {@code rule} parameter and in the JSON.
 */
final class SyslogFormat {

    /** Private enterprise number 32473 is the one RFC 5612 reserves for documentation and examples. */
    static final String SD_ID = "vigie@32473";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MSGID_MAX = 32;
    private static final String PREFIX = "vigie.";

    private final int facility;
    private final String hostname;
    private final String appName;

    /**
     * @param facility code, 0 to 23
     * @param hostname this host's name, sent as HOSTNAME ({@code -} when unknown)
     */
    SyslogFormat(final int facility, final String hostname, final String appName) {
        this.facility = facility;
        this.hostname = printable(hostname, 255);
        this.appName = printable(appName, 48);
    }

    /** Syslog severity of an alert level: critical 2, high 3 (error), medium 4 (warning), low 5 (notice), else 6. */
    static int severity(final String level) {
        return switch (level == null ? "" : level.toLowerCase(Locale.ROOT)) {
            case "critical" -> 2;
            case "high" -> 3;
            case "medium" -> 4;
            case "low" -> 5;
            default -> 6;
        };
    }

    /**
     * @param alert           the record value, sent unchanged as MSG
     * @param recordTimestamp used when the alert has no readable {@code @timestamp}
     * @return the framed message, ready to write
     */
    byte[] frame(final byte[] alert, final long recordTimestamp) {
        final byte[] message = message(alert, recordTimestamp);
        final byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        final byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }

    /** The RFC 5424 message without framing. */
    byte[] message(final byte[] alert, final long recordTimestamp) {
        final JsonNode root = parse(alert);
        final String ruleId = text(root, "rule", "id");
        final String level = text(root, "vigie", "level");
        final StringBuilder sd = new StringBuilder();
        param(sd, "id", text(root, "event", "id"));
        param(sd, "level", level);
        param(sd, "entity", text(root, "vigie", "entity"));
        param(sd, "rule", ruleId);
        final String header = "<" + (facility * 8 + severity(level)) + ">1 " + timestamp(root, recordTimestamp)
                + " " + hostname + " " + appName + " - " + msgId(ruleId) + " "
                + (sd.isEmpty() ? "-" : "[" + SD_ID + sd + "]");
        final byte[] head = header.getBytes(StandardCharsets.UTF_8);
        if (alert == null || alert.length == 0) {
            return head;
        }
        final byte[] out = new byte[head.length + 1 + alert.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = ' ';
        System.arraycopy(alert, 0, out, head.length + 1, alert.length);
        return out;
    }

    static String msgId(final String ruleId) {
        if (ruleId == null) {
            return "-";
        }
        final String id = printable(ruleId, Integer.MAX_VALUE);
        final String shorter = id.length() > MSGID_MAX && id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        return shorter.length() > MSGID_MAX ? shorter.substring(0, MSGID_MAX) : shorter;
    }

    private static JsonNode parse(final byte[] alert) {
        if (alert == null) {
            return null;
        }
        try {
            return JSON.readTree(alert);
        } catch (final IOException e) {
            // Not JSON: it is still forwarded (never dropped), with what the header can say.
            return null;
        }
    }

    /** RFC 5424 section 6.3.3: in a PARAM-VALUE, '"', '\' and ']' are escaped with a backslash. */
    static String escape(final String value) {
        final StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void param(final StringBuilder sd, final String name, final String value) {
        if (value != null) {
            sd.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        }
    }

    private static String timestamp(final JsonNode root, final long recordTimestamp) {
        // RFC 5424 allows at most six digits of fraction.
        return alertTime(text(root, "@timestamp"), recordTimestamp)
                .truncatedTo(ChronoUnit.MICROS)
                .toString();
    }

    private static Instant alertTime(final String text, final long recordTimestamp) {
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (final DateTimeParseException e) {
                // Fall back on the record time.
            }
        }
        return Instant.ofEpochMilli(recordTimestamp);
    }

    private static String text(final JsonNode root, final String... path) {
        JsonNode node = root;
        for (final String name : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(name);
        }
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    /** PRINTUSASCII (33 to 126) only, at most {@code max} characters; {@code -} when nothing is left. */
    static String printable(final String s, final int max) {
        if (s == null) {
            return "-";
        }
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            final char c = s.charAt(i);
            if (c >= 33 && c <= 126) {
                out.append(c);
            }
        }
        return out.isEmpty() ? "-" : out.toString();
    }
}
