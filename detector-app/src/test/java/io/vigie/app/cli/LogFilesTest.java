package io.vigie.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFilesTest {

    /** Each line read, with "(cut)" after the ones the reader cut. */
    private static List<String> read(final String text, final int maxLineBytes) throws IOException {
        final LogFiles.LineReader reader =
                new LogFiles.LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLineBytes);
        final List<String> lines = new ArrayList<>();
        byte[] line;
        while ((line = reader.next()) != null) {
            lines.add(new String(line, StandardCharsets.UTF_8) + (reader.lastLineCut() ? " (cut)" : ""));
        }
        return lines;
    }

    @Test
    void shouldSplitOnNewlinesAndDropCarriageReturns() throws IOException {
        assertThat(read("one\r\ntwo\n\nlast", 100)).containsExactly("one", "two", "", "last");
    }

    @Test
    void shouldCutALineOverTheLimitAndSkipItsRestWithoutTouchingTheNextLine() throws IOException {
        assertThat(read("short\n" + "abcdefghij".repeat(3) + "\nnext\nexactly10!\n", 10))
                .containsExactly("short", "abcdefghij (cut)", "next", "exactly10!");
    }

    @Test
    void shouldCutALineLongerThanTheReadBufferAtTheLimit() throws IOException {
        final String huge = "y".repeat(200_000);
        assertThat(read(huge + "\nafter", 70_000)).containsExactly("y".repeat(70_000) + " (cut)", "after");
    }
}
