package io.vigie.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.parse.RecordLines;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RawLines}: the engine's framing of line records, on the bytes. */
class EvidenceRawLinesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "one",
                "one\n",
                "one\ntwo\n",
                "one\r\ntwo\r\n",
                "\n\none\n \n\ttwo\n\n",
                "",
                " \n ",
                "{\n  \"a\": 1\n}\n",
                "{\"a\":1}\n{\"a\":2}\n",
                "caf\u00e9 \u2013 ok\nsecond"
            })
    void shouldFrameLikeTheEngine(final String value) {
        final List<RawLines.Line> lines = RawLines.split(value.getBytes(StandardCharsets.UTF_8));

        assertThat(lines.stream().map(RawLines.Line::text).toList()).isEqualTo(RecordLines.splitKeepingJson(value));
        lines.forEach(l -> assertThat(l.raw()).isEqualTo(l.text().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldKeepTheBytesOfALineThatIsNotUtf8() throws Exception {
        final byte[] latin1 =
                "10.20.0.14 GET http://x.example/caf\u00e9 fran\u00e7oise".getBytes(StandardCharsets.ISO_8859_1);
        final ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.write("first\n".getBytes(StandardCharsets.UTF_8));
        value.write(latin1);
        value.write("\r\n".getBytes(StandardCharsets.UTF_8));

        final List<RawLines.Line> lines = RawLines.split(value.toByteArray());

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).raw()).isEqualTo(latin1);
        assertThat(lines.get(1).text()).startsWith("10.20.0.14 GET").contains("\uFFFD");
    }
}
