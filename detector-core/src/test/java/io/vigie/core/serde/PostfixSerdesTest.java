package io.vigie.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.PostfixParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PostfixSerdesTest {

    @Test
    void shouldReadBackEveryParsedLineOfTheGoldenFileAsItWasWritten() throws IOException {
        final PostfixParser parser = new PostfixParser(
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC), ZoneId.of("Europe/Paris"));
        // The golden file has a line that is not UTF-8 on purpose: decoded with replacement, as the topic's is.
        final String raw = new String(
                Files.readAllBytes(Path.of("src/test/resources/samples/postfix/raw.log")), StandardCharsets.UTF_8);
        final List<PostfixEvent> events = raw.lines()
                .map(parser::parse)
                .filter(ParseResult::isOk)
                .map(ParseResult::value)
                .toList();
        assertThat(events).hasSizeGreaterThan(20);

        assertThat(PostfixSerdes.LINES.fromBytes(PostfixSerdes.LINES.toBytes(events)))
                .isEqualTo(events);
    }

    @Test
    void shouldReadBackACountWithAndWithoutCounterpart() {
        final MailCount recipient = new MailCount(
                Instant.parse("2026-11-28T05:24:14.949958Z"),
                MailCount.Role.RECIPIENT,
                "bob@chu-exemple.fr",
                Direction.INBOUND,
                1,
                190_686L,
                "amy@example.org");
        final MailCount correction = new MailCount(
                Instant.parse("2026-11-28T05:24:14Z"), MailCount.Role.SENDER, "from=<>", null, 0, -5, null);

        assertThat(PostfixSerdes.COUNT.fromBytes(PostfixSerdes.COUNT.toBytes(recipient)))
                .isEqualTo(recipient);
        assertThat(PostfixSerdes.COUNT.fromBytes(PostfixSerdes.COUNT.toBytes(correction)))
                .isEqualTo(correction);
    }

    @Test
    void shouldRefuseARecordOfAnotherFormatOrCutShort() {
        final byte[] count = PostfixSerdes.COUNT.toBytes(
                new MailCount(Instant.EPOCH, MailCount.Role.SENDER, "a@b", Direction.OUTBOUND, 1, 10, null));

        assertThatThrownBy(() -> PostfixSerdes.LINES.fromBytes(count))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format");
        assertThatThrownBy(() -> PostfixSerdes.COUNT.fromBytes(Arrays.copyOf(count, count.length - 3)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> PostfixSerdes.COUNT.fromBytes("{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> PostfixSerdes.COUNT.fromBytes(Arrays.copyOf(count, count.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
    }
}
