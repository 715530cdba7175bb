package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.SyslogRecord;
import io.vigie.core.time.SyslogYearResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogParserTest {

    private static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    private final SyslogParser parser = new SyslogParser(NOV_2026, ZoneOffset.UTC);

    private SyslogRecord ok(final String line) {
        final ParseResult<SyslogRecord> result = parser.parse(line);
        assertThat(result.isOk()).as("parsed %s, got %s", line, result).isTrue();
        return result.value();
    }

    private String reason(final String line) {
        final ParseResult<SyslogRecord> result = parser.parse(line);
        assertThat(result.isOk()).as("refused %s", line).isFalse();
        assertThat(result.error().source()).isEqualTo("syslog");
        assertThat(result.error().raw()).isEqualTo(line);
        return result.error().reason();
    }

    @Test
    void shouldReadEveryFieldWhenTheLineIsTraditionalBsdSyslog() {
        final SyslogRecord r = ok("Nov 28 05:00:00 mx postfix/smtpd[18450]: connect from unknown[192.0.2.1]");

        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-11-28T05:00:00Z"));
        assertThat(r.host()).isEqualTo("mx");
        assertThat(r.program()).isEqualTo("postfix/smtpd");
        assertThat(r.pid()).isEqualTo(18450L);
        assertThat(r.message()).isEqualTo("connect from unknown[192.0.2.1]");
        assertThat(parser.source()).isEqualTo("syslog");
    }

    @Test
    void shouldReadTheDayWhenItIsSpacePadded() {
        assertThat(ok("Nov  1 02:11:18 conch postfix/pickup[19328]: 30461242EB: uid=0 from=<root>")
                        .timestamp())
                .isEqualTo(Instant.parse("2026-11-01T02:11:18Z"));
        assertThat(ok("Nov 1 02:11:18 conch postfix/pickup[19328]: x").timestamp())
                .isEqualTo(Instant.parse("2026-11-01T02:11:18Z"));
    }

    @Test
    void shouldReadTheBsdTimeAsLocalTimeWhenAZoneIsConfigured() {
        final SyslogParser paris = new SyslogParser(NOV_2026, ZoneId.of("Europe/Paris"));

        assertThat(paris.parse("Nov 28 05:00:00 mx postfix/qmgr[1]: x").value().timestamp())
                .isEqualTo(Instant.parse("2026-11-28T04:00:00Z"));
        // summer time: UTC+2
        assertThat(paris.parse("Jul 14 12:00:00 mx postfix/qmgr[1]: x").value().timestamp())
                .isEqualTo(Instant.parse("2026-07-14T10:00:00Z"));
    }

    @Test
    void shouldTakeTheYearFromTheClockWhenReadingDecemberLinesInJanuary() {
        final SyslogParser january =
                new SyslogParser(Clock.fixed(Instant.parse("2027-01-02T00:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

        assertThat(january.parse("Dec 31 23:59:59 mx postfix/qmgr[1]: x")
                        .value()
                        .timestamp())
                .isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
        assertThat(january.parse("Jan  1 00:00:01 mx postfix/qmgr[1]: x")
                        .value()
                        .timestamp())
                .isEqualTo(Instant.parse("2027-01-01T00:00:01Z"));
    }

    @Test
    void shouldTakeNextYearWhenReadingJanuaryLinesOnNewYearsEve() {
        final SyslogParser december =
                new SyslogParser(Clock.fixed(Instant.parse("2026-12-31T23:59:58Z"), ZoneOffset.UTC), ZoneOffset.UTC);

        assertThat(december.parse("Jan  1 00:00:01 mx postfix/qmgr[1]: x")
                        .value()
                        .timestamp())
                .isEqualTo(Instant.parse("2027-01-01T00:00:01Z"));
    }

    @Test
    void shouldRefuseFebruary29WhenTheInferredYearIsNotALeapYear() {
        assertThat(reason("Feb 29 10:00:00 mx postfix/qmgr[1]: x")).isEqualTo("bad timestamp");

        final SyslogParser leap =
                new SyslogParser(Clock.fixed(Instant.parse("2028-03-01T00:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        assertThat(leap.parse("Feb 29 10:00:00 mx postfix/qmgr[1]: x").value().timestamp())
                .isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
    }

    @Test
    void shouldReadTheOffsetAndFractionWhenTheTimestampIsRfc3339() {
        final SyslogRecord r = ok("2026-11-28T05:24:13.949958+00:00 mx postfix/postfix-script[18379]: "
                + "warning: not owned by root: /var/spool/postfix/etc/sasldb2");

        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-11-28T05:24:13.949958Z"));
        assertThat(r.host()).isEqualTo("mx");
        assertThat(r.program()).isEqualTo("postfix/postfix-script");
        assertThat(r.pid()).isEqualTo(18379L);
        assertThat(r.message()).startsWith("warning: not owned by root");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-28T05:24:13Z|2026-11-28T05:24:13Z",
                "2026-11-28T05:24:13z|2026-11-28T05:24:13Z",
                "2026-11-28T06:24:13+01:00|2026-11-28T05:24:13Z",
                "2026-11-28T00:24:13-05:00|2026-11-28T05:24:13Z",
                "2026-11-28T05:54:13+00:30|2026-11-28T05:24:13Z",
                "2026-11-28T05:24:13.1Z|2026-11-28T05:24:13.100Z",
                "2026-11-28T05:24:13.123456789123Z|2026-11-28T05:24:13.123456789Z",
                "2028-02-29T00:00:00Z|2028-02-29T00:00:00Z",
                // no offset: read in the configured zone (UTC here)
                "2026-11-28T05:24:13|2026-11-28T05:24:13Z",
            })
    void shouldConvertToUtcWhenTheTimestampIsRfc3339(final String timestamp, final String expected) {
        assertThat(ok(timestamp + " host prog: msg").timestamp()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void shouldReadEveryHeaderFieldWhenTheLineIsRfc5424() {
        final SyslogRecord r = ok("<22>1 2026-11-28T05:24:13.003Z mx.chu-exemple.fr postfix/smtpd 18450 - "
                + "[meta sequenceId=\"1\"] 5C49F20E162: client=unknown[192.0.2.7]");

        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-11-28T05:24:13.003Z"));
        assertThat(r.host()).isEqualTo("mx.chu-exemple.fr");
        assertThat(r.program()).isEqualTo("postfix/smtpd");
        assertThat(r.pid()).isEqualTo(18450L);
        assertThat(r.message()).isEqualTo("5C49F20E162: client=unknown[192.0.2.7]");
    }

    @Test
    void shouldMapNilValuesToNullWhenRfc5424FieldsAreDashes() {
        final SyslogRecord r = ok("<34>1 2026-11-28T05:24:13Z - - - - - hello");

        assertThat(r.host()).isNull();
        assertThat(r.program()).isNull();
        assertThat(r.pid()).isNull();
        assertThat(r.message()).isEqualTo("hello");
    }

    @Test
    void shouldSkipStructuredDataWhenItsValuesContainEscapedBrackets() {
        final SyslogRecord r = ok("<34>1 2026-11-28T05:24:13Z h app 12 ID47 "
                + "[a x=\"1\\]2\" y=\"q\\\"uote\"][b@32473 z=\"]\"] payload here");

        assertThat(r.message()).isEqualTo("payload here");
        assertThat(r.pid()).isEqualTo(12L);
    }

    @Test
    void shouldDropTheBomWhenRfc5424MessageStartsWithOne() {
        assertThat(ok("<34>1 2026-11-28T05:24:13Z h app - - - \uFEFFhello").message())
                .isEqualTo("hello");
        assertThat(ok("<34>1 2026-11-28T05:24:13Z h app - - - \u00EF\u00BB\u00BFhello")
                        .message())
                .isEqualTo("hello");
    }

    @Test
    void shouldKeepAnEmptyMessageWhenRfc5424HasNone() {
        assertThat(ok("<34>1 2026-11-28T05:24:13Z h app - - -").message()).isEmpty();
    }

    @Test
    void shouldKeepProcIdNullWhenRfc5424ProcIdIsNotANumber() {
        assertThat(ok("<34>1 2026-11-28T05:24:13Z h app worker-3 - - m").pid()).isNull();
    }

    @Test
    void shouldAcceptAPriorityWhenItPrecedesABsdOrRfc3339Line() {
        assertThat(ok("<22>Nov 28 05:00:00 mx postfix/qmgr[1]: x").program()).isEqualTo("postfix/qmgr");
        assertThat(ok("<22>2026-11-28T05:00:00Z mx postfix/qmgr[1]: x").program())
                .isEqualTo("postfix/qmgr");
    }

    @Test
    void shouldStripTheSolarisMessageIdWhenItFollowsTheTag() {
        assertThat(ok("Nov 28 05:00:00 sol postfix/smtpd[1]: [ID 197553 mail.info] connect from x[192.0.2.1]")
                        .message())
                .isEqualTo("connect from x[192.0.2.1]");
        // not the Solaris shape: kept as is
        assertThat(ok("Nov 28 05:00:00 sol postfix/smtpd[1]: [ID x mail.info] y")
                        .message())
                .isEqualTo("[ID x mail.info] y");
    }

    @Test
    void shouldKeepTheWholeProgramPathWhenTheTagHasSlashesAndDashes() {
        final SyslogRecord r = ok("Nov 28 05:00:00 mx postfix-out/submission/smtpd[42]: connect from a[192.0.2.1]");

        assertThat(r.program()).isEqualTo("postfix-out/submission/smtpd");
        assertThat(r.pid()).isEqualTo(42L);
    }

    @Test
    void shouldLeaveThePidNullWhenTheTagHasNone() {
        final SyslogRecord r = ok("Nov 28 05:00:00 mx postfix-script: starting the Postfix mail system");

        assertThat(r.program()).isEqualTo("postfix-script");
        assertThat(r.pid()).isNull();
        assertThat(r.message()).isEqualTo("starting the Postfix mail system");
    }

    @Test
    void shouldIgnoreTrailingLineBreaksWhenTheLineStillHasThem() {
        assertThat(ok("Nov 28 05:00:00 mx postfix/qmgr[1]: ABCDEF1234: removed\r\n")
                        .message())
                .isEqualTo("ABCDEF1234: removed");
    }

    @Test
    void shouldKeepAnEmptyMessageWhenNothingFollowsTheColon() {
        assertThat(ok("Nov 28 05:00:00 mx postfix/qmgr[1]:").message()).isEmpty();
    }

    @Test
    void shouldAcceptUpperCaseMonthsWhenARelayUpperCasedTheHeader() {
        assertThat(ok("NOV 28 05:00:00 mx p: x").timestamp()).isEqualTo(Instant.parse("2026-11-28T05:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "statistics: max connection count 10 for (smtp:1.2.3.4) at Sep 11 10:47:30|not syslog",
                "# failJSON: { \"time\": \"2005-05-05T15:51:11\" }|not syslog",
                "Foo 28 05:00:00 mx postfix/qmgr[1]: x|not syslog",
                "<999>Nov 28 05:00:00 mx postfix/qmgr[1]: x|not syslog",
                "<12 Nov 28 05:00:00 mx postfix/qmgr[1]: x|not syslog",
                "Nov 31 05:00:00 mx postfix/qmgr[1]: x|bad timestamp",
                "Nov 28 25:00:00 mx postfix/qmgr[1]: x|bad timestamp",
                "Nov 28 05:60:00 mx postfix/qmgr[1]: x|bad timestamp",
                "Nov 28 5:00:00 mx postfix/qmgr[1]: x|bad timestamp",
                "Nov 123 05:00:00 mx postfix/qmgr[1]: x|bad timestamp",
                "Nov 28 05:00:00. mx postfix/qmgr[1]: x|bad timestamp",
                "2026-13-28T05:24:13Z mx postfix/qmgr[1]: x|bad timestamp",
                "2026-02-30T05:24:13Z mx postfix/qmgr[1]: x|bad timestamp",
                "2026-11-28 05:24:13Z mx postfix/qmgr[1]: x|bad timestamp",
                "2026-11-28T05:24:13+1:00 mx postfix/qmgr[1]: x|bad timestamp",
                "2026-11-28T05:24:13+25:00 mx postfix/qmgr[1]: x|bad timestamp",
                "2026-11-28T05:24|bad timestamp",
                "<34>1 - host app - - - msg|missing timestamp",
                "<34>1 2026-11-28T05:24:13Z host app - - [unterminated msg|bad structured data",
                "<34>1 2026-11-28T05:24:13Z host app - - x msg|bad structured data",
                "<34>1 2026-11-28T05:24:13Z host app|truncated line",
                "Nov 28 05:00:00|truncated line",
                "Nov 28 05:00:00 mx|truncated line",
                "Nov 28 05:00:00 mx postfix/qmgr|truncated line",
                "Nov 28 05:00:00 mx postfix/qmgr[12|truncated line",
                "Nov 28 05:00:00 mx postfix/qmgr[12]|truncated line",
                "Nov 28 05:00:00 mx postfix/qmgr[abc]: x|bad tag",
                "Nov 28 05:00:00 mx -- MARK --|bad tag",
                "Nov 28 05:00:00 mx postfix/qmgr[12] x|bad tag",
                "Nov 28 05:00:00 mx :x|bad tag",
            })
    void shouldRefuseWithAStableReasonWhenTheLineIsNotSyslog(final String line, final String expected) {
        assertThat(reason(line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n"})
    void shouldRefuseWhenTheLineIsEmpty(final String line) {
        assertThat(reason(line)).isEqualTo("empty line");
    }

    @Test
    void shouldRefuseWhenTheLineIsNull() {
        final ParseResult<SyslogRecord> result = parser.parse(null);

        assertThat(result.isOk()).isFalse();
        assertThat(result.error().reason()).isEqualTo("empty line");
    }

    @Test
    void shouldRefuseWhenTheLineIsLongerThanTheLimit() {
        final SyslogParser small = new SyslogParser(new SyslogYearResolver(NOV_2026, ZoneOffset.UTC), 40);
        final String line = "Nov 28 05:00:00 mx postfix/qmgr[1]: " + "x".repeat(5);

        assertThat(small.parse(line).error().reason()).isEqualTo("line too long");
        assertThat(small.parse(line.substring(0, 40)).isOk()).isTrue();
        assertThat(small.maxLineLength()).isEqualTo(40);
        assertThat(parser.maxLineLength()).isEqualTo(65_536);
        assertThat(parser.parse("Nov 28 05:00:00 mx p: " + "x".repeat(70_000))
                        .error()
                        .reason())
                .isEqualTo("line too long");
    }

    @Test
    void shouldNeverThrowWhenFedArbitraryPrefixesOfValidLines() {
        final String[] lines = {
            "<22>1 2026-11-28T05:24:13.003Z mx postfix/smtpd 18450 - [m a=\"b\\\"\"] msg",
            "2026-11-28T05:24:13.949958+00:00 mx postfix/postfix-script[18379]: warning: x",
            "Nov  1 02:11:18 conch postfix/pickup[19328]: 30461242EB: uid=0 from=<root>",
            "<22>Nov 28 05:00:00 sol postfix/smtpd[1]: [ID 197553 mail.info] connect",
        };
        for (final String line : lines) {
            for (int end = 0; end <= line.length(); end++) {
                final String prefix = line.substring(0, end);
                final ParseResult<SyslogRecord> result = parser.parse(prefix);
                assertThat(result).as(prefix).isNotNull();
            }
        }
    }
}
