package io.vigie.app.evidence;

import io.vigie.core.model.AuthSession;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The subject's VPN lines of {@code raw.auth}. With a parser (the seam: a line to the session event it holds), a
 * line is the subject's when its session's user is one of the subject's users or its assigned address one of the
 * subject's IPs, and its event goes to {@code events.jsonl}. Without one, a line is the subject's when it holds one
 * of the subject's user names as a word (case-insensitive; for an address, its local part too), and nothing is
 * parsed: {@code events.jsonl} stays empty.
 */
final class VpnEvidence implements BoundedTopicReader.RecordHandler {

    private final Function<String, Optional<AuthSession>> parser;
    private final SubjectScope scope;
    private final LineEvidence out;

    /** @param parser null to match the user names in the text */
    VpnEvidence(final Function<String, Optional<AuthSession>> parser, final SubjectScope scope,
                final LineEvidence out) {
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
            if (session.isPresent() && (scope.matchesUser(session.get().user())
                    || scope.matchesHost(session.get().assignedIp()))) {
                out.add(line.raw(), session.get(), record);
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
            return i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1))
                    && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
        }
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
