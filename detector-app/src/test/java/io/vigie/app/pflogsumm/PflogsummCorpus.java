package io.vigie.app.pflogsumm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pflogsumm oracle corpus: one case per saved {@code <name>.pflogsumm.txt} in the test
 * resource folder {@code pflogsumm/} (see its README.md and regenerate.sh).
 *
 * <p>The log of a case is, in this order: the committed copy {@code pflogsumm/<name>.log} (only
 * logs whose license allows it are committed), else the original in the shared data folder, else
 * absent: a test must then skip the case and say so ({@link Case#skipMessage()}). Non-permissive
 * logs (no license, GPL) are never copied; their expected outputs are.
 *
 * <p>The shared data folder is the system property {@code vigie.sharedData} or the environment
 * variable {@code VIGIE_SHARED_DATA} when set, else the first existing of {@code ../../shared/data}
 * and {@code ../shared/data} relative to the working directory (surefire runs in
 * {@code detector-app/}, so {@code ../../shared/data} is {@code <workspace>/shared/data}).
 */
public final class PflogsummCorpus {

    /** Suffix of the saved pflogsumm outputs. */
    public static final String EXPECTED_SUFFIX = ".pflogsumm.txt";
    /** Prefix of the case names whose log lives under {@code realgen/postfix/} in shared data. */
    public static final String REALGEN_PREFIX = "realgen_";

    /**
     * One corpus file.
     *
     * @param name           e.g. {@code kdent_postfix_log_analysis_mail} or {@code realgen_mail.rfc3339}
     * @param log            the Postfix log to analyze, when available on this machine
     * @param expectedOutput the saved {@code pflogsumm -u 20 -h 20} output for that log
     */
    public record Case(String name, Optional<Path> log, Path expectedOutput) {

        /** The parsed expected report. */
        public PflogsummReport expected() throws IOException {
            return PflogsummReport.read(expectedOutput);
        }

        /** Where the log is inside the shared data folder ({@code postfix/...} or {@code realgen/postfix/...}). */
        public String sharedDataRelativePath() {
            return PflogsummCorpus.sharedDataRelativePath(name);
        }

        /** Message for a skipped case (log absent); meaningful only when {@code log} is empty. */
        public String skipMessage() {
            return "pflogsumm corpus case '" + name + "' skipped: its log is not committed (license) and "
                    + sharedDataRelativePath() + " was not found in a shared data folder (looked in "
                    + sharedDataCandidates() + ")";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private PflogsummCorpus() {}

    /** All cases, sorted by name. */
    public static List<Case> cases() {
        final Path dir = resourceDir();
        final Optional<Path> shared = sharedDataDir();
        final List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(EXPECTED_SUFFIX))
                    .sorted()
                    .forEach(fileName -> {
                        final String name = fileName.substring(0, fileName.length() - EXPECTED_SUFFIX.length());
                        cases.add(new Case(name, logFor(name, dir, shared), dir.resolve(fileName)));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no *" + EXPECTED_SUFFIX + " in " + dir);
        }
        return cases;
    }

    /** The case with that name. */
    public static Case byName(String name) {
        return cases().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pflogsumm corpus case named " + name));
    }

    /** Where the log of a case lives in the shared data folder. */
    public static String sharedDataRelativePath(String name) {
        if (name.startsWith(REALGEN_PREFIX)) {
            return "realgen/postfix/" + name.substring(REALGEN_PREFIX.length()) + ".log";
        }
        return "postfix/" + name + ".log";
    }

    /** The folder holding the expected outputs and committed logs. */
    public static Path resourceDir() {
        final URL readme = PflogsummCorpus.class.getClassLoader().getResource("pflogsumm/README.md");
        if (readme != null && "file".equals(readme.getProtocol())) {
            try {
                return Path.of(readme.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("bad resource URL " + readme, e);
            }
        }
        for (String candidate : List.of("src/test/resources/pflogsumm", "detector-app/src/test/resources/pflogsumm")) {
            final Path p = Path.of(candidate);
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find the pflogsumm test resource folder");
    }

    /** The shared data folder, if one is reachable from here. */
    public static Optional<Path> sharedDataDir() {
        return sharedDataCandidates().stream().filter(Files::isDirectory).findFirst();
    }

    static List<Path> sharedDataCandidates() {
        final List<Path> candidates = new ArrayList<>();
        final String property = System.getProperty("vigie.sharedData");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property).toAbsolutePath().normalize());
        }
        final String env = System.getenv("VIGIE_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env).toAbsolutePath().normalize());
        }
        candidates.add(Path.of("../../shared/data").toAbsolutePath().normalize());
        candidates.add(Path.of("../shared/data").toAbsolutePath().normalize());
        return candidates;
    }

    private static Optional<Path> logFor(String name, Path resourceDir, Optional<Path> shared) {
        final Path committed = resourceDir.resolve(name + ".log");
        if (Files.isRegularFile(committed)) {
            return Optional.of(committed);
        }
        return shared.map(dir -> dir.resolve(sharedDataRelativePath(name))).filter(Files::isRegularFile);
    }
}
