package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses every line of the real Postfix logs in the shared data (when present) and reconciles the result
 * with pflogsumm: its own regular expressions applied line by line here, and its report on the realgen
 * capture. Skipped, with a message, when the shared data is absent.
 */
class PostfixCorpusTest {

    /** pflogsumm 1.1.5's delivery expression, verbatim. UNIX_LINES: '.' and '$' then behave as in Perl. */
    private static final Pattern PFLOGSUMM_DELIVERY = Pattern.compile(
            "to=<([^>]*)>, (?:orig_to=<[^>]*>, )?"
                    + "relay=([^,]+), (?:conn_use=[^,]+, )?delay=([^,]+), (?:delays=[^,]+, )?(?:dsn=[^,]+, )?"
                    + "status=(\\S+)(.*)$",
            Pattern.UNIX_LINES);
    /** pflogsumm 1.1.5's "message received" expression, verbatim. */
    private static final Pattern PFLOGSUMM_QUEUED = Pattern.compile("from=<([^>]*)>, size=(\\d+)");
    /** A syslog header written by Postfix, told apart without the parser under test. */
    private static final Pattern HEADER = Pattern.compile("^(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d"
            + "|\\d{4}-\\d\\d-\\d\\dT\\S+) \\S+ ([^\\s\\[:]+)(?:\\[\\d+\\])?: ");

    private static final Pattern TO_WITHOUT_BRACKETS = Pattern.compile("\\]: [0-9A-F]+: to=[^<]");
    private static final Set<String> BIG_REAL_LOGS = Set.of(
            "kdent_postfix_log_analysis_mail.log",
            "kdent_postfix_log_analysis_mail2.log",
            "louisitvn_pflgviewer_mail.log",
            "mail.log",
            "mail.rfc3339.log");
    private static final Set<String> NOT_RECEIVING = Set.of("smtpd", "postscreen", "master");

    private static final PostfixParser PARSER =
            new PostfixParser(Clock.fixed(Instant.parse("2026-12-31T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

    private static final String ABSENT = "shared data not found (-Dvigie.shared.data, ../shared/data or "
            + "../../shared/data): Postfix corpus test skipped";
    private static final Path ROOT = SharedData.root().orElse(null);

    static Stream<Arguments> logs() {
        if (ROOT == null) {
            // one invocation that reports the skip, rather than a silently empty test
            return Stream.of(Arguments.of("shared data absent", null));
        }
        return SharedData.postfixLogs(ROOT).stream()
                .map(p -> Arguments.of(p.getParent().getFileName() + "/" + p.getFileName(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void shouldParseEveryLineAndCountLikePflogsummWhenReadingARealLog(final String name, final Path file) {
        assumeTrue(file != null, ABSENT);
        final Map<String, Integer> refusals = new TreeMap<>();
        int lines = 0;
        int nonPostfixPrograms = 0;
        int otherProgramEvents = 0;
        int toWithoutBrackets = 0;
        int deliveries = 0;
        int sent = 0;
        int queued = 0;
        int pflogsummDeliveries = 0;
        int pflogsummSent = 0;
        int pflogsummQueued = 0;
        for (final String line : SharedData.lines(file)) {
            lines++;
            final ParseResult<PostfixEvent> result = parseWithoutThrowing(name, line);
            if (result.isOk()) {
                final PostfixEvent e = result.value();
                if (e.kind() == PostfixKind.DELIVERY) {
                    deliveries++;
                    if ("sent".equals(e.status())) {
                        sent++;
                    }
                } else if (e.kind() == PostfixKind.QUEUED) {
                    queued++;
                } else if (e.kind() == PostfixKind.OTHER_PROGRAM) {
                    otherProgramEvents++;
                }
            } else {
                refusals.merge(result.error().reason(), 1, Integer::sum);
            }
            final Matcher header = HEADER.matcher(line);
            if (!header.find()) {
                continue;
            }
            final String program = header.group(1);
            if (!program.startsWith("postfix")) {
                nonPostfixPrograms++;
                continue;
            }
            if (TO_WITHOUT_BRACKETS.matcher(line).find()) {
                toWithoutBrackets++;
            }
            final Matcher delivery = PFLOGSUMM_DELIVERY.matcher(line);
            if (delivery.find()) {
                pflogsummDeliveries++;
                if ("sent".equals(delivery.group(4))) {
                    pflogsummSent++;
                }
            }
            final String service = program.substring(program.lastIndexOf('/') + 1);
            if (!NOT_RECEIVING.contains(service)
                    && PFLOGSUMM_QUEUED.matcher(line).find()) {
                pflogsummQueued++;
            }
        }

        final SoftAssertions softly = new SoftAssertions();
        softly.assertThat(lines).as("%s: lines read", name).isPositive();
        softly.assertThat(sent)
                .as("%s: DELIVERY status=sent vs pflogsumm's expression", name)
                .isEqualTo(pflogsummSent);
        softly.assertThat(deliveries)
                .as("%s: DELIVERY vs pflogsumm's expression", name)
                .isEqualTo(pflogsummDeliveries);
        softly.assertThat(queued)
                .as("%s: QUEUED vs pflogsumm's from=<>, size= on non-smtpd lines", name)
                .isEqualTo(pflogsummQueued);
        if (BIG_REAL_LOGS.contains(file.getFileName().toString())) {
            softly.assertThat(refusals).as("%s: no line refused", name).isEmpty();
            softly.assertThat(otherProgramEvents)
                    .as("%s: other programs' lines kept as such", name)
                    .isEqualTo(nonPostfixPrograms);
        }
        if (name.endsWith("louisitvn_pflgviewer_postfix_csvish.log")) {
            softly.assertThat(refusals)
                    .as("%s: only mangled to= refused", name)
                    .isEqualTo(Map.of(PostfixParser.TO_WITHOUT_ANGLE_BRACKETS, toWithoutBrackets));
        }
        softly.assertAll();
    }

    @Test
    void shouldMatchPflogsummsGrandTotalsWhenReadingTheRealgenCapture() throws IOException {
        assumeTrue(ROOT != null, ABSENT);
        for (final String[] pair :
                new String[][] {{"mail.log", "pflogsumm.txt"}, {"mail.rfc3339.log", "pflogsumm.rfc3339.txt"}}) {
            final Path log = ROOT.resolve("realgen/postfix").resolve(pair[0]);
            final Path report = ROOT.resolve("realgen/postfix").resolve(pair[1]);
            assumeTrue(Files.isRegularFile(log) && Files.isRegularFile(report), "realgen capture not found");

            final Map<String, Long> expected = pflogsummTotals(Files.readString(report));
            final Map<String, Long> actual = pflogsummTotalsFrom(SharedData.lines(log));

            assertThat(actual).as(pair[0]).isEqualTo(expected);
        }
    }

    /**
     * SEKOIA's intake tests carry message bodies with the program in a JSON field, as a collector that has
     * already split the syslog envelope would hand them over.
     */
    @Test
    void shouldParseCollectorSplitRecordsWhenTheEnvelopeIsAlreadyParsed() throws IOException {
        assumeTrue(ROOT != null, ABSENT);
        final Path file = ROOT.resolve("postfix/sekoia_postfix_tests.jsonl");
        assumeTrue(Files.isRegularFile(file), file + " not found");
        int deliveries = 0;
        int pflogsummDeliveries = 0;
        int queued = 0;
        int pflogsummQueued = 0;
        final List<String> unexpected = new ArrayList<>();
        for (final String line : SharedData.lines(file)) {
            final JsonNode input = JsonSerde.MAPPER.readTree(line).path("input");
            final String message = input.path("message").asText();
            final String program =
                    input.path("log").path("syslog").path("appname").asText(null);
            final SyslogRecord envelope = new SyslogRecord(Instant.EPOCH, "sekoia", program, null, message);
            final ParseResult<PostfixEvent> result;
            try {
                result = PARSER.parse(envelope, line);
            } catch (final RuntimeException e) {
                throw new AssertionError("threw on " + line, e);
            }
            if (!result.isOk()) {
                final String reason = result.error().reason();
                final boolean expected = PostfixParser.NOT_POSTFIX.equals(reason)
                                && (program == null || program.isEmpty())
                        || PostfixParser.TO_WITHOUT_ANGLE_BRACKETS.equals(reason) && message.matches("\\w+: to=[^<].*");
                if (!expected) {
                    unexpected.add(reason + ": " + line);
                }
                continue;
            }
            if (result.value().kind() == PostfixKind.DELIVERY) {
                deliveries++;
            }
            if (result.value().kind() == PostfixKind.QUEUED) {
                queued++;
            }
            if (result.value().kind() == PostfixKind.OTHER_PROGRAM) {
                // another program's line (pflogsumm reads only postfix tags): kept, counted nowhere
                assertThat(program).as(line).isNotNull().doesNotStartWith("postfix");
                continue;
            }
            if (PFLOGSUMM_DELIVERY.matcher(message).find()) {
                pflogsummDeliveries++;
            }
            if (!NOT_RECEIVING.contains(result.value().service())
                    && PFLOGSUMM_QUEUED.matcher(message).find()) {
                pflogsummQueued++;
            }
        }
        assertThat(deliveries).isPositive().isEqualTo(pflogsummDeliveries);
        assertThat(queued).isEqualTo(pflogsummQueued);
        assertThat(unexpected)
                .as("refusals other than other programs and mangled to=")
                .isEmpty();
    }

    private static ParseResult<PostfixEvent> parseWithoutThrowing(final String name, final String line) {
        try {
            final ParseResult<PostfixEvent> result = PARSER.parse(line);
            assertThat(result).isNotNull();
            return result;
        } catch (final RuntimeException e) {
            throw new AssertionError(name + ": parser threw on " + line, e);
        }
    }

    /** The Grand Totals pflogsumm prints that our events can reproduce. */
    private static Map<String, Long> pflogsummTotals(final String report) {
        final Map<String, Long> totals = new TreeMap<>();
        final Matcher plain = Pattern.compile("(?m)^\\s+(\\d+)\\s+(received|delivered|forwarded|bounced|rejected)\\b")
                .matcher(report);
        while (plain.find()) {
            totals.putIfAbsent(plain.group(2), Long.parseLong(plain.group(1)));
        }
        final Matcher deferred = Pattern.compile("(?m)^\\s+(\\d+)\\s+deferred\\s+\\((\\d+)\\s+deferrals\\)")
                .matcher(report);
        if (deferred.find()) {
            totals.put("deferred", Long.parseLong(deferred.group(1)));
            totals.put("deferrals", Long.parseLong(deferred.group(2)));
        }
        return totals;
    }

    /** pflogsumm's counting rules, applied to our events (pflogsumm-visible lines only). */
    private static Map<String, Long> pflogsummTotalsFrom(final List<String> lines) {
        long received = 0;
        long delivered = 0;
        long forwarded = 0;
        long deferrals = 0;
        long bounced = 0;
        long rejected = 0;
        final Set<String> deferredMessages = new HashSet<>();
        for (final String line : lines) {
            final ParseResult<PostfixEvent> result = PARSER.parse(line);
            if (!result.isOk() || !result.value().pflogsummVisible()) {
                continue;
            }
            final PostfixEvent e = result.value();
            switch (e.kind()) {
                case CLIENT:
                    if ("smtpd".equals(e.service())) {
                        received++;
                    }
                    break;
                case PICKUP:
                    received++;
                    break;
                case DELIVERY:
                    if ("sent".equals(e.status())) {
                        if (e.forwarded()) {
                            forwarded++;
                        } else {
                            delivered++;
                        }
                    } else if ("deferred".equals(e.status())) {
                        deferrals++;
                        deferredMessages.add(e.queueId());
                    } else if ("bounced".equals(e.status())) {
                        bounced++;
                    }
                    break;
                case REJECT:
                    // pflogsumm counts smtpd's rejects and cleanup's header/body rejects, not postscreen's
                    // nor milter-reject
                    if ("reject".equals(e.status())
                            && ("smtpd".equals(e.service())
                                    || "cleanup".equals(e.service())
                                            && e.detail() != null
                                            && (e.detail().startsWith("header ")
                                                    || e.detail().startsWith("body ")))) {
                        rejected++;
                    }
                    break;
                default:
                    break;
            }
        }
        return new TreeMap<>(Map.of(
                "received",
                received,
                "delivered",
                delivered,
                "forwarded",
                forwarded,
                "deferred",
                (long) deferredMessages.size(),
                "deferrals",
                deferrals,
                "bounced",
                bounced,
                "rejected",
                rejected));
    }
}
