package io.vigie.core.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The team's shared sample data ({@code shared/data}, see its MANIFEST.md): real logs whose licences do not
 * allow copying them into the repository, so corpus tests read them in place when they are there (CI has
 * them) and are skipped otherwise.
 */
final class SharedData {

    private SharedData() {}

    /**
     * {@code -Dvigie.shared.data=DIR}, else {@code ../shared/data} or {@code ../../shared/data} from the
     * working directory (surefire runs in the module directory).
     */
    static Optional<Path> root() {
        final List<String> candidates = new ArrayList<>();
        final String configured = System.getProperty("vigie.shared.data");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("../shared/data");
        candidates.add("../../shared/data");
        return candidates.stream()
                .map(Path::of)
                .filter(p -> Files.isDirectory(p.resolve("postfix")))
                .map(Path::toAbsolutePath)
                .map(Path::normalize)
                .findFirst();
    }

    /** The file's lines, decoded as UTF-8 with replacement (as a Kafka string deserializer would), split on LF. */
    static List<String> lines(final Path file) {
        try {
            return splitLines(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits on LF only (a CR stays part of its line, as it would in a Kafka record); no empty last line. */
    static List<String> splitLines(final String text) {
        final List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Every {@code postfix/*.log} plus realgen's two Postfix logs, sorted by name. */
    static List<Path> postfixLogs(final Path root) {
        try (Stream<Path> files = Files.list(root.resolve("postfix"))) {
            final List<Path> logs =
                    new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".log"))
                            .sorted()
                            .toList());
            for (final String name : List.of("mail.log", "mail.rfc3339.log")) {
                final Path realgen = root.resolve("realgen/postfix").resolve(name);
                if (Files.isRegularFile(realgen)) {
                    logs.add(realgen);
                }
            }
            return logs;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
