package io.vigie.app.evidence;

import io.vigie.app.config.Durations;
import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.FileResponse;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/incidents/{id}/evidence[?since=30d]}: the incident's evidence archive, the same zip as
 * {@code vigie evidence --incident ID}. Built whole in the data directory first (owner-only, deleted once sent), so
 * that a failure answers an error rather than a truncated zip; one at a time, as each reads a month of topics.
 */
public final class EvidenceApi {

    static final Duration DEFAULT_SINCE = Duration.ofDays(30);
    static final Duration MAX_SINCE = Duration.ofDays(3660);

    private final EvidenceCollector collector;
    private final Path staging;
    private final Clock clock;
    private final Semaphore oneAtATime = new Semaphore(1);

    public EvidenceApi(final EvidenceCollector collector, final Path staging, final Clock clock) {
        this.collector = collector;
        this.staging = staging;
        this.clock = clock;
    }

    public void register(final HttpApiServer http) {
        http.downloadRoute("/api/incidents/{id}/evidence", this::incident);
    }

    FileResponse incident(final Map<String, String> params) {
        final EvidenceSubject subject;
        try {
            subject = new EvidenceSubject(EvidenceSubject.Kind.INCIDENT, params.get("id"));
        } catch (final IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        final Duration since = since(params.get("since"));
        if (!oneAtATime.tryAcquire()) {
            return FileResponse.refused(
                    JsonResponse.error(429, "an evidence archive is being built; try again " + "when it is done"));
        }
        Path zip = null;
        try {
            Files.createDirectories(staging);
            zip = Files.createTempFile(
                    staging,
                    "evidence-",
                    ".zip",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(zip)) {
                collector.collect(subject, clock.instant().minus(since), (topic, records, total) -> {}, out);
            }
            final FileResponse response = FileResponse.temporary(zip, "application/zip", params.get("id") + ".zip");
            zip = null;
            return response;
        } catch (final EvidenceCollector.IncidentNotFoundException e) {
            return FileResponse.refused(JsonResponse.error(404, "no such incident"));
        } catch (final IOException e) {
            throw new UncheckedIOException("evidence archive not built: " + e.getMessage(), e);
        } finally {
            oneAtATime.release();
            deleteQuietly(zip);
        }
    }

    private static Duration since(final String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_SINCE;
        }
        try {
            final Duration d = Durations.parse(raw.strip());
            if (!d.isNegative() && !d.isZero() && d.compareTo(MAX_SINCE) <= 0) {
                return d;
            }
        } catch (final IllegalArgumentException e) {
            // answered below
        }
        throw new BadRequestException("since must be a duration such as 30d, from 1s to 3660d");
    }

    private static void deleteQuietly(final Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (final IOException e) {
                // staged in the data directory, owner-only: the next start's clean-up is not needed for safety
            }
        }
    }
}
