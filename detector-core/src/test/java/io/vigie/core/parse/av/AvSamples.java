package io.vigie.core.parse.av;

import io.vigie.core.model.AvEvent;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Test helpers: the shared data folder, copied samples, and unwrapping of results. */
final class AvSamples {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    static final AvParsers PARSERS = new AvParsers("testhost", ZoneOffset.UTC, CLOCK, AvJsonMapping.ecs());

    private AvSamples() {}

    /** {@code ../../shared/data} from {@code detector-core}, else {@code /work/shared/data}; empty when neither. */
    static Optional<Path> sharedData() {
        for (final String candidate :
                List.of(System.getProperty("vigie.shared.data", ""), "../../shared/data", "/work/shared/data")) {
            if (!candidate.isEmpty() && Files.isDirectory(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    static List<String> resourceLines(final String name) {
        try (InputStream in =
                Objects.requireNonNull(AvSamples.class.getResourceAsStream("/samples/av/" + name), name)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n", -1));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AvEvent event(final ParseResult<AvLine> result) {
        if (!result.isOk()) {
            throw new AssertionError("not parsed: " + result.error().reason());
        }
        if (!result.value().isDetection()) {
            throw new AssertionError("ignored: " + result.value().ignoredBecause());
        }
        return result.value().event();
    }

    static String ignored(final ParseResult<AvLine> result) {
        if (!result.isOk()) {
            throw new AssertionError("not parsed: " + result.error().reason());
        }
        if (result.value().isDetection()) {
            throw new AssertionError("a detection: " + result.value().event());
        }
        return result.value().ignoredBecause();
    }
}
