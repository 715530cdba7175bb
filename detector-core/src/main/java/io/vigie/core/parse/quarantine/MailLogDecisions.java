package io.vigie.core.parse.quarantine;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.parse.ParseResult;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * The quarantine decisions a shipped {@code mail.log} carries besides Postfix's own lines: a {@code hold:} action
 * ({@link PostfixHoldAdapter}), and amavis's content decisions ({@code Blocked INFECTED}, {@code Blocked SPAM}...),
 * which arrive as {@link PostfixKind#OTHER_PROGRAM} lines of {@code raw.postfix} and are read as
 * {@link AmavisParser} reads them on {@code raw.quarantine}. One shipped {@code mail.log} then feeds both the mail
 * flow and the quarantine campaigns; the same message shipped both ways counts once (a campaign keeps one entry
 * per message id). Thread-safe.
 */
public final class MailLogDecisions {

    /** Its clock only resolves years of raw lines; an envelope already parsed does not use it. */
    private final AmavisParser amavis = new AmavisParser(Clock.systemUTC(), ZoneOffset.UTC);

    /** The decision a line carries, empty for most lines. */
    public Optional<QuarantineEvent> decision(final PostfixEvent line) {
        if (line == null) {
            return Optional.empty();
        }
        if (line.kind() == PostfixKind.HOLD) {
            return PostfixHoldAdapter.adapt(line);
        }
        if (line.kind() != PostfixKind.OTHER_PROGRAM
                || line.service() == null
                || line.detail() == null
                || !line.service().toLowerCase(Locale.ROOT).startsWith("amavis")) {
            return Optional.empty();
        }
        final ParseResult<QuarantineLine> read =
                amavis.read(new SyslogRecord(line.time(), line.host(), line.service(), null, line.detail()));
        return read.isOk() && read.value().isEvent() ? Optional.of(read.value().event()) : Optional.empty();
    }
}
