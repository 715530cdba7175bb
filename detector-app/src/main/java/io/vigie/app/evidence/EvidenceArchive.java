package io.vigie.app.evidence;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence zip: named entries, each staged in a file of a private directory while it is written (an entry may
 * hold a month of a host's proxy lines, more than memory should), then put in one zip followed by
 * {@code MANIFEST.sha256}, one {@code <hex>  <path>} line per entry, so that {@code sha256sum -c MANIFEST.sha256}
 * verifies the unzipped files. Entry names are checked, never cleaned up silently: a name that could leave the
 * directory it is unzipped in is a programming error. Not thread-safe.
 */
public final class EvidenceArchive implements AutoCloseable {

    /** The manifest's entry name. */
    public static final String MANIFEST = "MANIFEST.sha256";

    /** Segments of letters, digits, {@code .}, {@code _}, {@code -}, not starting with a dot, joined by {@code /}. */
    private static final Pattern SAFE_NAME =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}" + "(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}");

    private final Path staging;
    private final long maxBytes;
    private final Map<String, Staged> entries = new LinkedHashMap<>();
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private long bytes;
    private int staged;

    /**
     * @param staging  an empty directory of this archive's own, deleted with its content on {@link #close}
     * @param maxBytes the most the entries may hold together
     */
    public EvidenceArchive(final Path staging, final long maxBytes) {
        this.staging = staging;
        this.maxBytes = maxBytes;
    }

    /**
     * A name fit for a zip entry: relative, no {@code ..}, no hidden file, no character a file system or a shell
     * would read differently.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String checkName(final String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.equals(MANIFEST)) {
            throw new IllegalArgumentException("not a safe evidence entry name: " + name);
        }
        return name;
    }

    /**
     * Starts an entry; what is written to the returned stream, until it is closed, is its content. Several entries
     * may be open at once (a source's lines and their parsed events).
     *
     * @throws IllegalArgumentException for an unsafe or repeated name
     */
    public OutputStream entry(final String name) throws IOException {
        checkName(name);
        if (entries.containsKey(name) || open.containsKey(name)) {
            throw new IllegalArgumentException("entry " + name + " written twice");
        }
        Files.createDirectories(staging);
        final Path file = staging.resolve("entry-" + staged++);
        final Entry entry = new Entry(name, file, Files.newOutputStream(file));
        open.put(name, entry);
        return entry;
    }

    /** A whole entry at once. */
    public void add(final String name, final byte[] content) throws IOException {
        try (OutputStream out = entry(name)) {
            out.write(content);
        }
    }

    /** The names of the entries, in the order they were finished. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Bytes held by the entries so far. */
    public long size() {
        return bytes;
    }

    /**
     * Writes the zip: every entry, in the order they were finished, then the manifest. The stream is finished but
     * not closed.
     *
     * @return the manifest's lines
     * @throws IllegalStateException while an entry is still open
     */
    public List<String> writeZip(final OutputStream target) throws IOException {
        if (!open.isEmpty()) {
            throw new IllegalStateException("entries still open: " + open.keySet());
        }
        final List<String> manifest = new ArrayList<>();
        final ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
        for (final Map.Entry<String, Staged> e : entries.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            try (InputStream in = Files.newInputStream(e.getValue().file())) {
                in.transferTo(zip);
            }
            zip.closeEntry();
            manifest.add(e.getValue().sha256() + "  " + e.getKey());
        }
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write((String.join("\n", manifest) + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
        return manifest;
    }

    @Override
    public void close() throws IOException {
        for (final Entry e : List.copyOf(open.values())) {
            e.close();
        }
        if (Files.isDirectory(staging)) {
            try (var files = Files.list(staging)) {
                for (final Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(staging);
        }
    }

    private record Staged(Path file, String sha256) {}

    /** Counts and hashes as it writes, and refuses to grow the archive past its limit. */
    private final class Entry extends FilterOutputStream {

        private final String name;
        private final Path file;
        private final MessageDigest sha;
        private boolean closed;

        Entry(final String name, final Path file, final OutputStream out) {
            super(out);
            this.name = name;
            this.file = file;
            this.sha = sha256();
        }

        @Override
        public void write(final int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            if (bytes + len > maxBytes) {
                throw new IllegalStateException("the evidence is over its limit of " + maxBytes + " bytes (at " + name
                        + "): narrow --since or the subject");
            }
            out.write(b, off, len);
            sha.update(b, off, len);
            bytes += len;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.close();
            open.remove(name);
            entries.put(name, new Staged(file, HexFormat.of().formatHex(sha.digest())));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
