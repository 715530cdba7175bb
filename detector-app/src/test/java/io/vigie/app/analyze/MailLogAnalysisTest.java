package io.vigie.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.app.config.VigieConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie analyze --source postfix} in memory: reading on a thread of its own must never hide a failure. */
class MailLogAnalysisTest {

    private static final String MESSAGE = """
            Nov 28 10:00:00 mx postfix/smtpd[100]: AAAA1: client=mail.example.org[192.0.2.10]
            Nov 28 10:00:00 mx postfix/qmgr[102]: AAAA1: from=<alice@example.org>, size=1000, nrcpt=1 (queue active)
            Nov 28 10:00:01 mx postfix/lmtp[103]: AAAA1: to=<bob@chu-exemple.fr>, relay=exch01[10.0.0.25]:24, \
            delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)
            Nov 28 10:00:01 mx postfix/qmgr[102]: AAAA1: removed

            """;

    @TempDir
    Path dir;

    @Test
    void countsEveryFileAndLineAndSkipsBlankLines() throws Exception {
        final Path first = Files.writeString(dir.resolve("mail.log.1"), MESSAGE);
        final Path second = Files.writeString(dir.resolve("mail.log"), MESSAGE.replace("AAAA1", "AAAA2"));

        final AnalysisResult result = new MailLogAnalysis(VigieConfig.load(null, Map.of())).run(List.of(first, second));

        assertThat(result.records()).isEqualTo(8);
        assertThat(result.blankLines()).isEqualTo(2);
        assertThat(result.period().all().sendersByCount())
                .singleElement()
                .satisfies(entry -> assertThat(entry.messages()).isEqualTo(2));
    }

    @Test
    void aFileThatBreaksHalfWayFailsTheAnalysisInsteadOfReportingPartOfIt() throws Exception {
        final ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(MESSAGE.repeat(2000).getBytes(StandardCharsets.UTF_8));
        }
        final byte[] bytes = gzipped.toByteArray();
        final Path truncated = Files.write(dir.resolve("mail.log.2.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        // a failure on the reading thread must reach the caller, not leave it waiting for more lines
        Assertions.assertTimeoutPreemptively(
                Duration.ofMinutes(5),
                () -> assertThatThrownBy(
                                () -> new MailLogAnalysis(VigieConfig.load(null, Map.of())).run(List.of(truncated)))
                        .isInstanceOf(IOException.class));
    }
}
