package io.vigie.core.parse.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The team's shared sample data ({@code shared/data/proxy}, see its MANIFEST.md). Most proxy samples have no
 * licence that allows copying them here, so the corpus test reads them in place and is skipped without them.
 */
final class ProxySamples {

    private ProxySamples() {}

    /**
     * {@code -Dvigie.shared.data=DIR}, else {@code ../../shared/data} or {@code ../shared/data} from the module
     * (surefire runs in it), else {@code /work/shared/data}.
     */
    static Optional<Path> root() {
        final List<String> candidates = new ArrayList<>();
        final String configured = System.getProperty("vigie.shared.data");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("../../shared/data");
        candidates.add("../shared/data");
        candidates.add("/work/shared/data");
        return candidates.stream()
                .map(Path::of)
                .filter(p -> Files.isDirectory(p.resolve("proxy")))
                .map(p -> p.toAbsolutePath().normalize())
                .findFirst();
    }

    /** UTF-8 with replacement, split on LF only (a CR stays in its line, as in a Kafka record); no empty last line. */
    static List<String> lines(final Path file) {
        try {
            final List<String> lines = new ArrayList<>(
                    Arrays.asList(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
