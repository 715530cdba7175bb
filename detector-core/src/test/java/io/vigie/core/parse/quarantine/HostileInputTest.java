package io.vigie.core.parse.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.parse.LogParser;
import io.vigie.core.parse.ParseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostileInputTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    private static List<LogParser<QuarantineLine>> parsers() {
        final List<LogParser<QuarantineLine>> all = new ArrayList<>();
        for (final String name : QuarantineParsers.NAMES) {
            all.add(QuarantineParsers.byName(name, CLOCK, ZoneOffset.UTC));
        }
        return all;
    }

    private static List<String> hostile() {
        final List<String> lines = new ArrayList<>();
        lines.add("Nov 28 08:12:44 mx amavis[1]: (1-1) Blocked SPAM " + "x".repeat(1024 * 1024));
        lines.add("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        lines.add("{\"action\":\"reject\",\"symbols\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}");
        lines.add(null);
        lines.add("");
        lines.add("   ");
        lines.add("\u0000\u0000\u0000");
        lines.add("{\"message\":\"{\\\"message\\\":\\\"{\\\\\\\"message\\\\\\\":\\\\\\\"x\\\\\\\"}\\\"}\"}");
        final String[] full = {AmavisParserTest.INFECTED, RspamdParserTest.TASK_LOG, RspamdParserTest.HISTORY_ROW};
        for (final String line : full) {
            for (int cut = 1; cut < line.length(); cut++) {
                lines.add(line.substring(0, cut));
            }
        }
        lines.add("Nov 28 08:12:44 mx amavis[1]: (1-1) Blocked BANNED ((((((((");
        lines.add("Nov 28 08:12:44 mx amavis[1]: (1-1) Blocked INFECTED (x) {, <<<<< -> <<<<, Subject: \"");
        lines.add("x rspamd_task_write_log: (default: F (reject): [x/ [,,,{{{(((");
        return lines;
    }

    @Test
    void shouldNeverThrowWhenInputIsHostile() {
        for (final LogParser<QuarantineLine> parser : parsers()) {
            for (final String line : hostile()) {
                final ParseResult<QuarantineLine> r = parser.parse(line);
                assertThat(r).isNotNull();
                if (!r.isOk()) {
                    assertThat(r.error().reason()).isNotEqualTo(QuarantineParser.UNPARSEABLE);
                }
            }
        }
    }

    @Test
    void shouldRefuseWhenLineIsOneMegabyte() {
        final ParseResult<QuarantineLine> r =
                QuarantineParsers.byName("amavis", CLOCK, ZoneOffset.UTC).parse("x".repeat(1024 * 1024));

        assertThat(r.error().reason()).isEqualTo(QuarantineParser.TOO_LONG);
    }

    @Test
    void shouldFailCleanlyWhenJsonIsTooDeep() {
        final ParseResult<QuarantineLine> r =
                new JsonQuarantineParser().parse("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}");

        assertThat(r.error().reason()).isEqualTo(JsonQuarantineParser.BAD_JSON);
    }
}
