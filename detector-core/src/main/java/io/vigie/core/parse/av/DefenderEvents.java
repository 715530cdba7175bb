package io.vigie.core.parse.av;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.parse.internal.ExternalJson;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft Defender Antivirus events from the {@code Microsoft-Windows-Windows Defender/Operational} channel,
 * in the JSON shapes shippers send:
 * <ul>
 *   <li>Winlogbeat / Elastic Agent ECS: {@code winlog.event_id}, {@code winlog.event_data.*},
 *       {@code host.name}, {@code @timestamp};</li>
 *   <li>EVTX converted to JSON ({@code python-evtx}, {@code evtx_dump}): {@code System.EventID},
 *       {@code System.Computer}, {@code System.TimeCreated}, {@code EventData}, optionally inside {@code Event};</li>
 *   <li>NXLog's flat JSON: {@code EventID}, {@code Hostname}, {@code EventTime} and the event data at the top.</li>
 * </ul>
 * Detections are 1006 and 1116 (detected, action {@code none}), 1015 (suspicious behaviour), 1007 and 1117
 * (action taken, from {@code Action ID}/{@code Action Name}), 1118 and 1119 (action failed: {@code failed}).
 * Every other event id (1150/1151 health, 5007 configuration change, 1120 hash...) is an ignored line.
 *
 * <p>Mapping: {@code Threat Name}; {@code Path} cleaned to one plain path ({@link #cleanPath}); {@code
 * Detection User}; origin from {@code Origin ID} (or {@code Origin Name}) in lower case, followed by the
 * download URL of a {@code webfile:} path entry when there is one; severity from {@code Severity ID} (or
 * {@code Severity Name}); time from {@code Detection Time}, else the record's time. IDs are preferred to names
 * because names arrive localised or as unresolved {@code %%nnn} message ids.
 */
final class DefenderEvents {

    static final String FORMAT = "defender";
    static final String NOT_DETECTION_EVENT = "not a Defender detection event";

    private static final Set<Integer> DETECTED = Set.of(1006, 1015, 1116);
    private static final Set<Integer> ACTED = Set.of(1007, 1117);
    private static final Set<Integer> FAILED = Set.of(1118, 1119);
    private static final Map<String, String> ORIGINS = Map.of(
            "0",
            "unknown",
            "1",
            "local machine",
            "2",
            "network share",
            "3",
            "internet",
            "4",
            "incoming traffic",
            "5",
            "outgoing traffic");
    private static final Map<String, String> ACTIONS = Map.of(
            "1",
            "cleaned",
            "2",
            "quarantined",
            "3",
            "removed",
            "6",
            "allowed",
            "8",
            "user defined",
            "9",
            "none",
            "10",
            "blocked");
    private static final Map<String, String> SEVERITIES =
            Map.of("1", "low", "2", "moderate", "4", "high", "5", "severe");

    private DefenderEvents() {}

    /** The event as an {@link AvLine}, or null when the document is none of the Defender shapes. */
    static AvLine read(final JsonNode document, final ZoneId zone) {
        JsonNode root = document;
        if (root.path("Event").isObject()) {
            root = root.get("Event");
        }
        final String eventId;
        final Map<String, String> data;
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        if (root.path("winlog").isObject()) {
            final String provider =
                    ExternalJson.text(root, "winlog.provider_name") + " " + ExternalJson.text(root, "winlog.channel");
            if (!provider.contains("Defender")) {
                return null;
            }
            eventId = ExternalJson.text(root, "winlog.event_id");
            data = AvJson.folded(ExternalJson.lookup(root, "winlog.event_data"));
            b.host =
                    firstNonNull(ExternalJson.text(root, "host.name"), ExternalJson.text(root, "winlog.computer_name"));
            b.time = AvFields.time(ExternalJson.text(root, "@timestamp"), zone);
            b.user = ExternalJson.text(root, "user.name");
        } else if (root.path("System").isObject()) {
            final JsonNode system = root.get("System");
            final String provider = firstNonNull(
                    ExternalJson.text(system, "Provider.Name"), ExternalJson.text(system, "Provider.#attributes.Name"));
            if (provider == null || !provider.contains("Defender")) {
                return null;
            }
            final JsonNode id = system.get("EventID");
            eventId = id != null && id.isObject() ? ExternalJson.text(id, "#text") : ExternalJson.text(id);
            data = AvJson.folded(root.get("EventData"));
            b.host = ExternalJson.text(system, "Computer");
            b.time = AvFields.time(
                    firstNonNull(
                            ExternalJson.text(system, "TimeCreated.SystemTime"),
                            ExternalJson.text(system, "TimeCreated.#attributes.SystemTime")),
                    ZoneId.of("UTC"));
        } else {
            final String source =
                    firstNonNull(ExternalJson.text(root, "SourceName"), ExternalJson.text(root, "ProviderName"));
            if (source == null || !source.contains("Defender") || root.get("EventID") == null) {
                return null;
            }
            eventId = ExternalJson.text(root, "EventID");
            data = AvJson.folded(root);
            b.host = firstNonNull(ExternalJson.text(root, "Hostname"), ExternalJson.text(root, "Computer"));
            b.time = AvFields.time(ExternalJson.text(root, "EventTime"), zone);
        }
        final int id = (int) digits(eventId);
        final boolean detected = DETECTED.contains(id);
        final boolean acted = ACTED.contains(id);
        if (!detected && !acted && !FAILED.contains(id)) {
            return AvLine.ignored(NOT_DETECTION_EVENT);
        }
        final var detectionTime = AvFields.time(data.get("detectiontime"), ZoneId.of("UTC"));
        if (detectionTime != null) {
            b.time = detectionTime;
        }
        b.threat = AvFields.first(data, "threatname", "name");
        final String[] path = cleanPath(data.get("path"));
        b.path = path[0];
        b.user = firstNonNull(AvFields.orNull(data.get("detectionuser")), b.user);
        if (detected) {
            b.action = "none";
        } else if (acted) {
            b.action = firstNonNull(code(ACTIONS, data.get("actionid")), AvFields.action(data.get("actionname")));
        } else {
            b.action = "failed";
        }
        final String origin = firstNonNull(code(ORIGINS, data.get("originid")), AvFields.lower(data.get("originname")));
        b.origin = origin == null ? path[1] : path[1] == null ? origin : origin + " " + path[1];
        b.severity = firstNonNull(code(SEVERITIES, data.get("severityid")), AvFields.orNull(data.get("severityname")));
        b.hash(data.get("sha256"));
        return AvLine.of(b.build());
    }

    /**
     * Defender's {@code Path}: entries separated by {@code ;}, each prefixed with its kind
     * ({@code file:_C:\x.exe}, {@code containerfile:_C:\a.zip}, {@code webfile:_C:\x.exe|https://host/x|pid:..},
     * {@code process:_pid:..}, {@code regkey:_...}). The result is the first file-like path (a container's
     * path for a file inside an archive, the part before {@code ->} otherwise) and the URL of a
     * {@code webfile:} entry, either possibly null.
     */
    static String[] cleanPath(final String raw) {
        final String v = AvFields.orNull(raw);
        if (v == null) {
            return new String[] {null, null};
        }
        String path = null;
        String url = null;
        for (final String entry : v.split(";")) {
            final String e = entry.strip();
            final int sep = e.indexOf(":_");
            final String kind = sep > 0 ? e.substring(0, sep).toLowerCase(Locale.ROOT) : "";
            String value = sep > 0 ? e.substring(sep + 2) : e;
            if ("webfile".equals(kind)) {
                final String[] parts = value.split("\\|");
                value = parts[0];
                if (parts.length > 1 && url == null && parts[1].contains("://")) {
                    url = parts[1];
                }
            } else if (!kind.isEmpty() && !"file".equals(kind) && !"containerfile".equals(kind)) {
                continue;
            }
            final int inner = value.indexOf("->");
            if (inner > 0) {
                value = value.substring(0, inner);
            }
            if (path == null && !value.isBlank()) {
                path = value.strip();
            }
        }
        if (path == null && v.indexOf(":_") < 0) {
            path = v;
        }
        return new String[] {path, url};
    }

    /** The word for a numeric code; null for an absent code (an immutable map refuses a null key). */
    private static String code(final Map<String, String> words, final String code) {
        return code == null ? null : words.get(code.strip());
    }

    private static long digits(final String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String firstNonNull(final String a, final String b) {
        return AvFields.orNull(a) != null ? AvFields.orNull(a) : AvFields.orNull(b);
    }
}
