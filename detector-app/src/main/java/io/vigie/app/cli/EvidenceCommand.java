package io.vigie.app.cli;

import io.vigie.app.broker.ClusterConnection;
import io.vigie.app.config.Durations;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.evidence.EvidenceCollector;
import io.vigie.app.evidence.EvidenceSettings;
import io.vigie.app.evidence.EvidenceSubject;
import io.vigie.app.evidence.EvidenceSummary;
import io.vigie.app.startup.StartupException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code vigie evidence}: the artifacts the CERT asks for about an incident, a user or a host, in one zip with a
 * {@code sha256sum} manifest, and abuse-report drafts for the reported mails. Reads the retained topics; writes
 * nothing to Kafka.
 */
@Command(
        name = "evidence",
        mixinStandardHelpOptions = true,
        description = {
            "Gather the evidence about an incident, a user or a host from the retained topics into one zip "
                    + "for the CERT: reported mails byte for byte (mail/), proxy, antivirus and VPN lines with their "
                    + "parsed events (proxy/, antivirus/, vpn/), alerts.jsonl, incident.json, abuse-report drafts for "
                    + "the reported mails (abuse/: RFC 5965 ARF, Signal Spam and PhishTank texts; Vigie sends nothing), "
                    + "collection.json, and MANIFEST.sha256 (check with 'sha256sum -c MANIFEST.sha256' once unzipped).",
            "Each topic is read from --since up to the end it had when its reading started. Progress on stderr "
                    + "every 5 s.",
            "Exit codes: 0 written, 1 failure (cluster unreachable, incident not found, evidence over 4 GiB), "
                    + "2 bad arguments."
        })
public final class EvidenceCommand extends VigieCommand {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MAX_SINCE = Duration.ofDays(3660);

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Subject subject;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "30d",
            description = "How far back to read (default: ${DEFAULT-VALUE}; raw topics keep 30 days, raw.reports "
                    + "400, alerts 90). The incidents topic is always read whole.")
    private String since;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.zip",
            description = "The zip to write; must not exist. Written with owner-only permissions, in place once "
                    + "complete.")
    private Path out;

    @Mixin
    private ClusterOption cluster;

    /** Exactly one of the three. */
    static final class Subject {

        @Option(names = "--incident", required = true, paramLabel = "ID", description = "An incident's id.")
        private String incident;

        @Option(
                names = "--user",
                required = true,
                paramLabel = "USER",
                description = "An account or a mail address (alice, HOPITAL\\alice and alice@hopital.fr match).")
        private String user;

        @Option(
                names = "--host",
                required = true,
                paramLabel = "HOST",
                description = "A machine name or an IP address. Proxy logs name clients by address: give the "
                        + "IP to get its proxy lines (a name is not resolved).")
        private String host;

        EvidenceSubject toSubject() {
            if (incident != null) {
                return new EvidenceSubject(EvidenceSubject.Kind.INCIDENT, incident);
            }
            return user != null
                    ? new EvidenceSubject(EvidenceSubject.Kind.USER, user)
                    : new EvidenceSubject(EvidenceSubject.Kind.HOST, host);
        }
    }

    @Override
    protected int execute(final VigieConfig config) throws IOException {
        final EvidenceSubject who;
        try {
            who = subject.toSubject();
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec().commandLine(), e.getMessage());
        }
        final Duration back = parseSince();
        final Path target = out.toAbsolutePath().normalize();
        final Path dir = target.getParent();
        if (Files.exists(target)) {
            throw new ParameterException(spec().commandLine(), "--out " + out + " already exists");
        }
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new ParameterException(spec().commandLine(), "--out " + out + ": no writable directory " + dir);
        }
        final VigieConfig effective = cluster.applyTo(config);
        try (KafkaTarget kafka = KafkaTarget.open(effective)) {
            checkReachable(effective, kafka.bootstrapServers());
            final EvidenceSettings settings = EvidenceSettings.from(
                    effective, kafka.bootstrapServers(), dir, EvidenceSettings.DEFAULT_MAX_ARCHIVE_BYTES);
            final Instant from = settings.clock().instant().minus(back);
            final EvidenceSummary summary;
            final String zipSha;
            final Path part = createPrivate(dir.resolve("." + target.getFileName() + ".part"));
            try {
                final MessageDigest sha = sha256();
                try (OutputStream file = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                    summary = new EvidenceCollector(settings)
                            .collect(
                                    who,
                                    from,
                                    new EvidenceProgress(err(), PROGRESS_INTERVAL.toNanos(), System::nanoTime),
                                    file);
                }
                zipSha = HexFormat.of().formatHex(sha.digest());
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (final EvidenceCollector.IncidentNotFoundException e) {
                throw new IllegalStateException(e.getMessage() + " (nothing written)", e);
            } finally {
                Files.deleteIfExists(part);
            }
            printSummary(who, target, summary, zipSha);
        }
        return 0;
    }

    private Duration parseSince() {
        try {
            final Duration d = Durations.parse(since);
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_SINCE) > 0) {
                throw new IllegalArgumentException("between 1s and 3660d");
            }
            return d;
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec().commandLine(), "--since '" + since + "': " + e.getMessage());
        }
    }

    /**
     * One bounded first contact, so that an unreachable cluster fails at once with the servers named, rather than
     * at the first topic after the consumer's own retries.
     */
    private static void checkReachable(final VigieConfig config, final String servers) {
        try (Admin admin = ClusterConnection.open(
                config.clientProperties(servers), servers, config.kafka().startupTimeout())) {
            admin.metrics();
        } catch (final StartupException e) {
            // a failure of this command, not a refused start: exit code 1
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The output holds personal data: owner-only from the first byte, where the file system allows it. */
    private static Path createPrivate(final Path file) throws IOException {
        try {
            return Files.createFile(
                    file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (final UnsupportedOperationException e) {
            return Files.createFile(file);
        } catch (final FileAlreadyExistsException e) {
            throw new IllegalStateException("a previous run left " + file + ": remove it", e);
        }
    }

    private void printSummary(
            final EvidenceSubject who, final Path target, final EvidenceSummary summary, final String zipSha) {
        final StringBuilder counts = new StringBuilder();
        summary.counts().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> counts.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        out().printf(
                        Locale.ROOT,
                        "evidence %s written to %s: %d files +MANIFEST.sha256,%s; zip sha256 %s%n",
                        who.label(),
                        target,
                        summary.files().size(),
                        counts,
                        zipSha);
        for (final EvidenceSummary.TopicRead r : summary.topics()) {
            out().printf(
                            Locale.ROOT,
                            "  %s: %s%n",
                            r.topic(),
                            r.missing()
                                    ? "no such topic"
                                    : r.records() + " records read"
                                            + (r.oversized() > 0
                                                    ? ", " + r.oversized() + " over the size limit left"
                                                    : ""));
        }
        out().flush();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
