package io.vigie.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Report files named on the command line: files as given, directories walked, hidden entries skipped. */
final class ReportFiles {

    private ReportFiles() {}

    /** @return the files, in the order given, each directory's files sorted by path */
    static List<Path> expand(final List<Path> arguments) throws IOException {
        final List<Path> files = new ArrayList<>();
        for (final Path argument : arguments) {
            if (!Files.isDirectory(argument)) {
                files.add(argument);
                continue;
            }
            try (Stream<Path> walk = Files.walk(argument)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !argument.relativize(p).toString().startsWith(".")
                                && !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return List.copyOf(files);
    }
}
