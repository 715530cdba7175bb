package io.vigie.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadProgressTest {

    @Test
    void shouldPrintBytesReadOfFileSizeWhenDue() throws Exception {
        final StringWriter out = new StringWriter();
        final ReadProgress progress = new ReadProgress(new PrintWriter(out), 0);
        final byte[] content = "line\n".repeat(4096).getBytes(StandardCharsets.UTF_8);
        final InputStream in =
                progress.track(Path.of("/var/log/mail.log"), content.length, new ByteArrayInputStream(content));

        in.readNBytes(content.length / 2);
        for (int i = 0; i < 1024; i++) {
            progress.record();
        }

        assertThat(out.toString())
                .matches("vigie ingest: progress file=/var/log/mail.log bytes=10240/20480 "
                        + "percent=50\\.0 records_per_s=\\d+\\R");
    }

    @Test
    void shouldStayQuietBeforeTheFirstLineIsDue() {
        final StringWriter out = new StringWriter();
        final ReadProgress progress = new ReadProgress(new PrintWriter(out), Long.MAX_VALUE);
        progress.track(Path.of("mail.log"), 10, new ByteArrayInputStream(new byte[10]));

        for (int i = 0; i < 5000; i++) {
            progress.record();
        }

        assertThat(out.toString()).isEmpty();
    }
}
