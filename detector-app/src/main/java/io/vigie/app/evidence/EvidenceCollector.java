package io.vigie.app.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.mail.ReportedMailAnalyzer;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.av.Antivirus;
import io.vigie.rules.proxy.ProxyLineReading;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gathers what the retained topics hold about a subject into one evidence zip, written to any stream (a file for
 * {@code vigie evidence}, an HTTP response later). In order: the incident ({@code incidents}, from the beginning:
 * it is compacted), its alerts ({@code alerts}), the reported mails they name or the user's ({@code raw.reports})
 * with their abuse-report drafts, then the proxy, antivirus and VPN lines ({@code raw.proxy}, {@code raw.av},
 * {@code raw.auth}); every topic but {@code incidents} from {@code since}, each up to the end offsets it had when
 * its reading started. Reading comes first, into staged files; the zip is only written once everything was read.
 */
public final class EvidenceCollector {

    /** Alerts and incidents are small JSON documents. */
    private static final int MAX_JSON_RECORD_BYTES = 1024 * 1024;

    private final EvidenceSettings settings;
    private final Function<String, Optional<AuthSession>> authParser;

    /** Reads {@code raw.auth} with the engine's parsers. */
    public EvidenceCollector(final EvidenceSettings settings) {
        this(settings, VpnEvidence.engineParser(settings.zone(), settings.clock()));
    }

    /**
     * @param authParser reads a {@code raw.auth} line into a VPN session event (the seam for another parser); null to
     *                   find the users' lines by name in the text only
     */
    public EvidenceCollector(
            final EvidenceSettings settings, final Function<String, Optional<AuthSession>> authParser) {
        this.settings = settings;
        this.authParser = authParser;
    }

    /**
     * @param since    where the reading of every topic but {@code incidents} starts
     * @param progress told how far each topic's reading is
     * @param target   receives the zip; finished, not closed
     * @throws IncidentNotFoundException when the subject is an incident that {@code incidents} does not hold
     */
    public EvidenceSummary collect(
            final EvidenceSubject subject,
            final Instant since,
            final TopicReadProgress progress,
            final OutputStream target)
            throws IOException {
        Files.createDirectories(settings.staging());
        final Path staging = Files.createTempDirectory(settings.staging(), "vigie-evidence-");
        try (EvidenceArchive archive = new EvidenceArchive(staging.resolve("entries"), settings.maxArchiveBytes())) {
            final Map<String, Long> counts = new LinkedHashMap<>();
            final List<EvidenceSummary.TopicRead> reads = new ArrayList<>();
            final BoundedTopicReader reader = new BoundedTopicReader(settings.clientProperties(), settings.timeout());
            final SubjectScope scope = SubjectScope.of(subject);
            final var topics = settings.topics();

            if (subject.kind() == EvidenceSubject.Kind.INCIDENT) {
                final IncidentLookup incident = new IncidentLookup(subject.value());
                reads.add(read(reader, topics.incidents(), null, MAX_JSON_RECORD_BYTES, progress, incident));
                if (!incident.found()) {
                    throw new IncidentNotFoundException(
                            "no incident " + subject.value() + " in topic " + topics.incidents());
                }
                scope.addIncident(incident.json());
                archive.add("incident.json", incident.bytes());
            }
            try (AlertEvidence alerts = new AlertEvidence(archive, scope)) {
                reads.add(read(reader, topics.alerts(), since, MAX_JSON_RECORD_BYTES, progress, alerts));
                counts.put("alerts", alerts.alerts());
            }
            final MailEvidence mails = new MailEvidence(
                    archive,
                    scope,
                    subject.kind() == EvidenceSubject.Kind.USER,
                    new AbuseDrafts(new ReportedMailAnalyzer(), settings.internal(), settings.clock()));
            reads.add(read(reader, topics.rawReports(), since, settings.maxMailBytes(), progress, mails));
            counts.put("mails", (long) mails.mails());
            counts.put("abuse_drafts", (long) mails.withDrafts());

            try (LineEvidence proxy = new LineEvidence(archive, "proxy")) {
                reads.add(read(
                        reader,
                        topics.rawProxy(),
                        since,
                        settings.maxLineRecordBytes(),
                        progress,
                        ParsedLineEvidence.proxy(
                                ProxyLineReading.forFormat(settings.proxyFormat(), settings.zone()), scope, proxy)));
                counts.put("proxy_lines", proxy.lines());
            }
            try (LineEvidence av = new LineEvidence(archive, "antivirus")) {
                reads.add(read(
                        reader,
                        topics.rawAv(),
                        since,
                        settings.maxLineRecordBytes(),
                        progress,
                        ParsedLineEvidence.antivirus(
                                Antivirus.lineReading(settings.zone(), settings.clock(), settings.antivirusFormat()),
                                scope,
                                av)));
                counts.put("antivirus_lines", av.lines());
            }
            try (LineEvidence vpn = new LineEvidence(archive, "vpn")) {
                reads.add(read(
                        reader,
                        topics.rawAuth(),
                        since,
                        settings.maxLineRecordBytes(),
                        progress,
                        new VpnEvidence(authParser, scope, vpn)));
                counts.put("vpn_lines", vpn.lines());
            }
            archive.add("collection.json", collection(subject, since, scope, counts, reads));
            final List<String> files = archive.writeZip(target);
            return new EvidenceSummary(files, counts, reads);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    private static EvidenceSummary.TopicRead read(
            final BoundedTopicReader reader,
            final String topic,
            final Instant since,
            final int maxRecordBytes,
            final TopicReadProgress progress,
            final BoundedTopicReader.RecordHandler handler)
            throws IOException {
        final BoundedTopicReader.Outcome o = reader.read(topic, since, maxRecordBytes, progress, handler);
        return new EvidenceSummary.TopicRead(topic, o.records(), o.oversized(), o.missing());
    }

    /** How the evidence was gathered, for whoever receives it: subject, period, topics read, how lines matched. */
    private byte[] collection(
            final EvidenceSubject subject,
            final Instant since,
            final SubjectScope scope,
            final Map<String, Long> counts,
            final List<EvidenceSummary.TopicRead> reads)
            throws IOException {
        final ObjectNode json = JsonSerde.MAPPER.createObjectNode();
        json.put("generator", "Vigie");
        json.put("subject_kind", subject.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.put("subject", subject.value());
        json.put("since", since == null ? null : since.toString());
        json.put("collected_at", settings.clock().instant().toString());
        final ObjectNode matched = json.putObject("matched");
        matched.set("users", JsonSerde.MAPPER.valueToTree(scope.users()));
        matched.set("hosts", JsonSerde.MAPPER.valueToTree(scope.hosts()));
        matched.set("ips", JsonSerde.MAPPER.valueToTree(scope.ips()));
        matched.set("report_ids", JsonSerde.MAPPER.valueToTree(scope.reportIds()));
        json.set("counts", JsonSerde.MAPPER.valueToTree(counts));
        final ArrayNode topics = json.putArray("topics");
        for (final EvidenceSummary.TopicRead r : reads) {
            topics.addObject()
                    .put("topic", r.topic())
                    .put("records_read", r.records())
                    .put("records_over_size_limit", r.oversized())
                    .put("missing", r.missing());
        }
        json.put(
                "vpn_matching",
                authParser == null
                        ? "textual: lines naming one of the users as a word; not parsed, so vpn/events.jsonl is empty"
                        : "parsed: session events of the users or giving one of the IPs (in events.jsonl), and the other "
                                + "lines naming one of the users as a word (in lines.log only)");
        json.put("proxy_matching", "client address among the hosts and IPs, or authenticated user among the users");
        return JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    }

    /** The incident asked for is not in the {@code incidents} topic. */
    public static final class IncidentNotFoundException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        IncidentNotFoundException(final String message) {
            super(message);
        }
    }
}
