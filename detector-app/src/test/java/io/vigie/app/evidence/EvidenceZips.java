package io.vigie.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reading an evidence zip back, and checking its manifest the two ways a recipient would. */
public final class EvidenceZips {

    private EvidenceZips() {}

    /** Every entry of a zip, by name, in order. */
    public static Map<String, byte[]> read(final byte[] zip) throws IOException {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                assertThat(files).doesNotContainKey(e.getName());
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /**
     * Recomputes every line of {@code MANIFEST.sha256} and checks it lists every other file; when {@code sha256sum}
     * is on the PATH, also runs {@code sha256sum -c MANIFEST.sha256} on the files unzipped into {@code unzipDir}.
     */
    public static void assertManifestVerifies(final Map<String, byte[]> files, final Path unzipDir) throws Exception {
        final String manifest = new String(files.get(EvidenceArchive.MANIFEST), StandardCharsets.UTF_8);
        final Map<String, String> listed = new LinkedHashMap<>();
        for (final String line : manifest.split("\n")) {
            assertThat(line).matches("[0-9a-f]{64}  \\S+");
            listed.put(line.substring(66), line.substring(0, 64));
        }
        assertThat(listed.keySet())
                .containsExactlyInAnyOrderElementsOf(files.keySet().stream()
                        .filter(n -> !n.equals(EvidenceArchive.MANIFEST))
                        .toList());
        for (final Map.Entry<String, String> e : listed.entrySet()) {
            assertThat(HexFormat.of().formatHex(EvidenceArchive.sha256().digest(files.get(e.getKey()))))
                    .as("sha256 of %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        final Path tool = onPath("sha256sum");
        if (tool == null) {
            return;
        }
        for (final Map.Entry<String, byte[]> f : files.entrySet()) {
            final Path file = unzipDir.resolve(f.getKey()).normalize();
            assertThat(file.startsWith(unzipDir))
                    .as("%s stays in %s", file, unzipDir)
                    .isTrue();
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
        final Process p = new ProcessBuilder(tool.toString(), "--quiet", "-c", EvidenceArchive.MANIFEST)
                .directory(unzipDir.toFile())
                .redirectErrorStream(true)
                .start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sha256sum -c said: %s", output).isZero();
    }

    private static Path onPath(final String name) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (final String d : path.split(File.pathSeparator)) {
            final Path candidate = Path.of(d, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
