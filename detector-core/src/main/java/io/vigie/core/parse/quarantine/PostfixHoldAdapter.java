package io.vigie.core.parse.quarantine;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.model.QuarantineEvent;
import java.util.List;
import java.util.Optional;

/**
 * Postfix {@code hold:} lines ({@link PostfixKind#HOLD}, from {@code PostfixParser}) as quarantine events with
 * reason {@code HOLD}: a header or body check, or a milter, put the message in the hold queue. The check's text
 * ({@code header Subject: ... from ...; from=<a> to=<b> proto=ESMTP helo=<x>: optional text}) is the threat.
 */
final class PostfixHoldAdapter {

    public static final String SOURCE = "postfix";
    /** A header_checks HOLD on the Subject logs the matched header: the subject itself. */
    private static final String SUBJECT_CHECK = "header Subject: ";

    private PostfixHoldAdapter() {}

    /** The event for a HOLD line, empty for any other kind. */
    public static Optional<QuarantineEvent> adapt(final PostfixEvent e) {
        if (e == null || e.kind() != PostfixKind.HOLD) {
            return Optional.empty();
        }
        final String recipient = QuarantineFields.address(e.recipient());
        final String detail = QuarantineFields.blankToNull(e.detail());
        final String subject = detail != null && detail.startsWith(SUBJECT_CHECK)
                ? QuarantineFields.blankToNull(Rfc2047.decode(detail.substring(SUBJECT_CHECK.length())))
                : null;
        return Optional.of(new QuarantineEvent(
                e.time(),
                SOURCE,
                "HOLD",
                detail,
                e.queueId(),
                QuarantineFields.messageId(e.messageId()),
                QuarantineFields.address(e.sender()),
                recipient == null || recipient.isEmpty() ? List.of() : List.of(recipient),
                subject,
                List.of(),
                List.of(),
                List.of(),
                null,
                null));
    }
}
