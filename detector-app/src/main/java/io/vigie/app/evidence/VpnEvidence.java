package io.vigie.app.evidence;

import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.auth.AuthLine;
import io.vigie.core.parse.auth.AuthParsers;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The subject's VPN lines of {@code raw.auth}: those whose session event (read by the parser, the seam) is of one of
 * the subject's users or gave one of the subject's IPs, with the event in {@code events.jsonl}; and those that name
 * one of the subject's users as a word (case-insensitive; for an address, its local part too) without being such
 * an event (a gateway's handshake and certificate lines), in {@code lines.log} only. Without a parser, the second
 * rule alone.
 */
final class VpnEvidence implements BoundedTopicReader.RecordHandler {

    private final Function<String, Optional<AuthSession>> parser;
    private final SubjectScope scope;
    private final LineEvidence out;

    /**
     * How the engine reads {@code raw.auth} ({@link AuthParsers#auto}): the session event of a line, empty for a
     * line that is not one or cannot be read.
     */
    static Function<String, Optional<AuthSession>> engineParser(final ZoneId zone, final Clock clock) {
        final AuthParsers parsers = new AuthParsers(zone, clock);
        return line -> {
            final ParseResult<AuthLine> read = parsers.auto(line);
            return read.isOk() && read.value().isSession()
                    ? Optional.of(read.value().session())
                    : Optional.empty();
        };
    }

    /** @param parser null to match the user names in the text only */
    VpnEvidence(
            final Function<String, Optional<AuthSession>> parser, final SubjectScope scope, final LineEvidence out) {
        this.parser = parser;
        this.scope = scope;
        this.out = out;
    }

    @Override
    public void accept(final ConsumerRecord<String, byte[]> record) throws IOException {
        if (record.value() == null) {
            return;
        }
        for (final RawLines.Line line : RawLines.split(record.value())) {
            if (parser == null) {
                if (namesAUser(line.text())) {
                    out.add(line.raw(), null, record);
                }
                continue;
            }
            final Optional<AuthSession> session = parser.apply(line.text());
            if (session.isPresent()
                    && (scope.matchesUser(session.get().user())
                            || scope.matchesHost(session.get().assignedIp()))) {
                out.add(line.raw(), session.get(), record);
            } else if (session.isEmpty() && namesAUser(line.text())) {
                out.add(line.raw(), null, record);
            }
        }
    }

    boolean namesAUser(final String line) {
        final String l = line.toLowerCase(Locale.ROOT);
        for (final String user : scope.users()) {
            if (containsWord(l, user)) {
                return true;
            }
            final int at = user.indexOf('@');
            if (at > 0 && containsWord(l, user.substring(0, at))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code word} in {@code text}, not inside a longer name: {@code alice} is not in {@code malice},
     * {@code alice2} or {@code alice.martin}, but is in {@code user=alice}, {@code HOPITAL\alice} and
     * {@code 'alice'.}
     */
    static boolean containsWord(final String text, final String word) {
        int from = 0;
        while (true) {
            final int i = text.indexOf(word, from);
            if (i < 0) {
                return false;
            }
            final int end = i + word.length();
            if ((i == 0 || !isNameChar(text, i - 1)) && (end == text.length() || !isNameChar(text, end))) {
                return true;
            }
            from = i + 1;
        }
    }

    /** A letter, digit, {@code _} or {@code -}; a dot too when a letter or digit follows it (within a name). */
    private static boolean isNameChar(final String text, final int i) {
        final char c = text.charAt(i);
        if (c == '.') {
            return i + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(i + 1))
                    && i > 0
                    && Character.isLetterOrDigit(text.charAt(i - 1));
        }
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
