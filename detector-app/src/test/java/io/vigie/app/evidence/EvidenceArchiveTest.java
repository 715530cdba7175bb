package io.vigie.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvidenceArchiveTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryEntryAndAManifestThatVerifies() throws Exception {
        final byte[] eml =
                "From: a@b.example\r\nSubject: x\r\n\r\n\u00e9t\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        final ByteArrayOutputStream zip = new ByteArrayOutputStream();
        final List<String> manifest;
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 1_000_000)) {
            archive.add(
                    "mail/" + HexFormat.of().formatHex(EvidenceArchive.sha256().digest(eml)) + ".eml", eml);
            try (OutputStream lines = archive.entry("proxy/lines.log");
                    OutputStream events = archive.entry("proxy/events.jsonl")) {
                lines.write("one\n".getBytes(StandardCharsets.UTF_8));
                events.write("{}\n".getBytes(StandardCharsets.UTF_8));
                lines.write("two\n".getBytes(StandardCharsets.UTF_8));
            }
            archive.add("alerts.jsonl", new byte[0]);
            manifest = archive.writeZip(zip);
        }

        final Map<String, byte[]> files = EvidenceZips.read(zip.toByteArray());
        final String id = HexFormat.of().formatHex(EvidenceArchive.sha256().digest(eml));
        assertThat(files.get("mail/" + id + ".eml")).isEqualTo(eml);
        assertThat(new String(files.get("proxy/lines.log"), StandardCharsets.UTF_8))
                .isEqualTo("one\ntwo\n");
        assertThat(files.get("alerts.jsonl")).isEmpty();
        assertThat(manifest).hasSize(4);
        EvidenceZips.assertManifestVerifies(files, dir.resolve("unzipped"));
        // the staging files are gone with the archive
        assertThat(dir.resolve("staging")).doesNotExist();
    }

    @Test
    void shouldNoticeATamperedFile() throws Exception {
        final ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 1_000)) {
            archive.add("alerts.jsonl", "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
            archive.writeZip(zip);
        }
        final Map<String, byte[]> files = new java.util.HashMap<>(EvidenceZips.read(zip.toByteArray()));
        files.put("alerts.jsonl", "{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EvidenceZips.assertManifestVerifies(files, dir.resolve("unzipped")))
                .isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../etc/passwd",
                "/etc/passwd",
                "mail/../../x",
                ".hidden",
                "mail/.x",
                "a\\b",
                "a b",
                "mail//x",
                "",
                "MANIFEST.sha256",
                "C:x",
                "a/b/c/d/e",
                "mail/x\n.eml"
            })
    void shouldRefuseEntryNamesThatCouldLeaveTheDirectory(final String name) throws IOException {
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 1_000)) {
            assertThatThrownBy(() -> archive.entry(name)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseAnEntryTwiceAndAZipWhileAnEntryIsOpen() throws IOException {
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 1_000)) {
            archive.add("a.txt", new byte[1]);
            assertThatThrownBy(() -> archive.add("a.txt", new byte[1])).isInstanceOf(IllegalArgumentException.class);
            final OutputStream open = archive.entry("b.txt");
            assertThatThrownBy(() -> archive.writeZip(new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("b.txt");
            open.close();
            assertThat(archive.names()).containsExactly("a.txt", "b.txt");
        }
    }

    @Test
    void shouldStopAtItsSizeLimit() throws IOException {
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 10)) {
            archive.add("a.txt", new byte[6]);
            assertThatThrownBy(() -> archive.add("b.txt", new byte[5]))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("limit of 10 bytes");
        }
        assertThat(Files.exists(dir.resolve("staging"))).isFalse();
    }
}
