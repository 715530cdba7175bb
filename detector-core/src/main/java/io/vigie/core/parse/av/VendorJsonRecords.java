package io.vigie.core.parse.av;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.parse.internal.ExternalJson;
import io.vigie.core.parse.text.FieldValues;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The AV consoles' own JSON records, recognised by a field only they write:
 * <ul>
 *   <li>ESET PROTECT syslog JSON ({@code event_type}, {@code occured}): {@code Threat_Event} is a detection
 *       ({@code threat_name}, {@code hostname}, {@code ipv4}, {@code username}, {@code object_uri},
 *       {@code action_taken}, {@code hash}, {@code severity}); audit, firewall, HIPS and ESET Inspect records
 *       are ignored;</li>
 *   <li>Sophos Central SIEM events ({@code type} {@code Event::Endpoint::...}): malware and PUA detections
 *       and cleanups ({@code threat} or the quoted name in {@code name}, {@code dhost}, {@code suser}, the
 *       quoted path {@code at '...'}, {@code appSha256}); every other event type is ignored;</li>
 *   <li>Microsoft 365 Defender streaming API ({@code category} {@code AdvancedHunting-...}):
 *       {@code DeviceEvents} with an {@code Antivirus...} action type and {@code AlertInfo} whose detection
 *       source is {@code Antivirus}; the other tables are ignored.</li>
 * </ul>
 */
final class VendorJsonRecords {

    static final String ESET = "eset";
    static final String SOPHOS = "sophos";
    static final String M365 = "m365defender";

    private VendorJsonRecords() {}

    /** The record as an {@link AvLine}, or null when no vendor here wrote it. */
    static AvLine read(final JsonNode root, final ZoneId zone) {
        final String eventType = ExternalJson.text(root, "event_type");
        if (eventType != null && (root.has("occured") || root.has("source_uuid"))) {
            return eset(root, eventType, zone);
        }
        final String type = ExternalJson.text(root, "type");
        if (type != null && type.startsWith("Event::")) {
            return sophos(root, type, zone);
        }
        final String category = ExternalJson.text(root, "category");
        if (category != null
                && category.startsWith("AdvancedHunting-")
                && root.path("properties").isObject()) {
            return m365(root.get("properties"), category.substring("AdvancedHunting-".length()), zone);
        }
        return null;
    }

    private static AvLine eset(final JsonNode r, final String eventType, final ZoneId zone) {
        if (!"Threat_Event".equals(eventType)) {
            return AvLine.ignored(AvFields.NOT_DETECTION);
        }
        final AvEventBuilder b = new AvEventBuilder(ESET);
        // ESET PROTECT writes its syslog times in UTC
        b.time = AvFields.time(ExternalJson.text(r, "occured"), ZoneId.of("UTC"));
        b.host = ExternalJson.text(r, "hostname");
        b.hostIp = ExternalJson.text(r, "ipv4");
        b.user = ExternalJson.text(r, "username");
        b.threat = ExternalJson.text(r, "threat_name");
        b.path = fileUri(ExternalJson.text(r, "object_uri"));
        b.hash(ExternalJson.text(r, "hash"));
        b.action = AvFields.action(ExternalJson.text(r, "action_taken"));
        b.severity = ExternalJson.text(r, "severity");
        return AvLine.of(b.build());
    }

    private static AvLine sophos(final JsonNode r, final String type, final ZoneId zone) {
        final String t = type.toLowerCase(Locale.ROOT);
        final boolean detection = t.contains("puadetect")
                || t.contains("coredetection")
                || t.contains("threat::detected")
                || t.contains("corecleanup")
                || t.contains("threat::cleaned")
                || t.contains("puacleanup")
                || t.contains("malware");
        if (!detection) {
            return AvLine.ignored(AvFields.NOT_DETECTION);
        }
        final String name = ExternalJson.text(r, "name");
        final AvEventBuilder b = new AvEventBuilder(SOPHOS);
        b.time = AvFields.time(
                firstOf(ExternalJson.text(r, "end"), ExternalJson.text(r, "rt"), ExternalJson.text(r, "when")), zone);
        b.host = ExternalJson.text(r, "dhost");
        b.hostIp = ExternalJson.text(r, "source_info.ip");
        b.user = ExternalJson.text(r, "suser");
        b.threat = firstOf(ExternalJson.text(r, "threat"), FieldValues.singleQuoted(name), null);
        final int at = name == null ? -1 : name.indexOf(" at '");
        if (at > 0 && name.endsWith("'")) {
            b.path = name.substring(at + 5, name.length() - 1);
        }
        b.hash(ExternalJson.text(r, "appSha256"));
        b.action = t.contains("clean") ? "cleaned" : "none";
        b.origin = ExternalJson.text(r, "origin");
        b.severity = ExternalJson.text(r, "severity");
        return AvLine.of(b.build());
    }

    private static AvLine m365(final JsonNode p, final String table, final ZoneId zone) {
        final String actionType = ExternalJson.text(p, "ActionType");
        final AvEventBuilder b = new AvEventBuilder(M365);
        b.time = AvFields.time(ExternalJson.text(p, "Timestamp"), zone);
        if ("DeviceEvents".equals(table) && actionType != null && actionType.startsWith("Antivirus")) {
            b.host = ExternalJson.text(p, "DeviceName");
            b.user = ExternalJson.text(p, "InitiatingProcessAccountName");
            final String folder = ExternalJson.text(p, "FolderPath");
            final String file = ExternalJson.text(p, "FileName");
            b.path = folder == null ? file : file == null || folder.endsWith(file) ? folder : folder + "\\" + file;
            b.hash(ExternalJson.text(p, "SHA256"));
            b.hash(ExternalJson.text(p, "SHA1"));
            final JsonNode extra = AvJson.object(String.valueOf(ExternalJson.text(p, "AdditionalFields")));
            b.threat = extra == null ? null : ExternalJson.text(extra, "ThreatName");
            b.action = extra == null ? null : AvFields.action(ExternalJson.text(extra, "ActionType"));
            if (b.action == null) {
                b.action = actionType.contains("Detection") ? "none" : null;
            }
            return AvLine.of(b.build());
        }
        if ("AlertInfo".equals(table) && "Antivirus".equalsIgnoreCase(ExternalJson.text(p, "DetectionSource"))) {
            final String title = ExternalJson.text(p, "Title");
            b.threat = firstOf(FieldValues.singleQuoted(title), title, null);
            b.severity = ExternalJson.text(p, "Severity");
            b.action = title != null && title.contains("prevented") ? "blocked" : null;
            return AvLine.of(b.build());
        }
        return AvLine.ignored(AvFields.NOT_DETECTION);
    }

    /** {@code file:///C:/Windows/x.exe} → {@code C:\Windows\x.exe}; anything else as given. */
    static String fileUri(final String uri) {
        if (uri == null || !uri.startsWith("file:///")) {
            return uri;
        }
        final String p = uri.substring("file:///".length());
        return p.length() > 1 && p.charAt(1) == ':' ? p.replace('/', '\\') : "/" + p;
    }

    private static String firstOf(final String a, final String b, final String c) {
        if (AvFields.orNull(a) != null) {
            return a;
        }
        return AvFields.orNull(b) != null ? b : c;
    }
}
