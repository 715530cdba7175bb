package io.vigie.core.model;

/** What one Postfix log line tells about a message. */
public enum PostfixKind {
    /** {@code smtpd}/{@code postscreen} {@code QID: client=host[ip]}: the message was received over SMTP. */
    CLIENT,
    /** {@code pickup} {@code QID: uid=N from=<x>} or {@code sender=}: locally submitted. */
    PICKUP,
    /** {@code cleanup} {@code QID: message-id=<...>}. */
    MESSAGE_ID,
    /** {@code qmgr} {@code QID: from=<x>, size=N, nrcpt=M (queue active)}. */
    QUEUED,
    /** A delivery agent's {@code QID: to=<x>, ..., status=sent|deferred|bounced|expired (...)}. */
    DELIVERY,
    /** {@code qmgr} {@code QID: from=<x>, status=expired, returned to sender}. */
    EXPIRED,
    /** {@code bounce} {@code QID: sender non-delivery notification: NEWQID} (and delay/success notifications). */
    NOTIFICATION,
    /** {@code qmgr} {@code QID: removed}: the message left the queue. */
    REMOVED,
    /** {@code reject:}, {@code milter-reject:} (smtpd NOQUEUE or cleanup): the message was refused. */
    REJECT,
    /** {@code hold:}: the message was put on hold. */
    HOLD,
    /** {@code discard:}: the message was discarded. */
    DISCARD,
    /** A valid Postfix line that tells nothing about a message (connect, disconnect, warnings, statistics...). */
    OTHER,
    /**
     * A valid syslog line of another program of the mail system (amavis, dovecot, opendkim, policyd-spf...): a
     * shipped {@code mail.log} holds them next to Postfix's. It counts nowhere in the mail flow and is counted as
     * ignored by program ({@code instance} and {@code service} hold the program, {@code detail} the message), never
     * a dead letter. Some carry a signal of their own (amavis's content decisions).
     */
    OTHER_PROGRAM,
    /**
     * {@code smtpd} {@code QID: client=...} of a message given back to Postfix by a content filter (amavisd-new) or by
     * another Postfix instance: the mail was already received and counted under its first queue id. Told apart from
     * {@link #CLIENT} by XFORWARD's {@code orig_queue_id=} (then {@code relatedQueueId} is that first queue id, and
     * {@code clientHost}/{@code clientIp} the original client of {@code orig_client=}), or by a loopback client on a
     * listener of its own ({@code postfix/10025/smtpd}, {@code postfix-out/smtpd}). Declared after the older kinds:
     * the binary serde writes kinds by position.
     */
    REINJECTION,
    /**
     * smtpd's {@code warning: host[ip]: SASL METHOD authentication failed: REASON}, with
     * {@code , sasl_username=LOGIN} appended by newer Postfix versions: a failed SMTP AUTH, the trace of password
     * guessing. No queue id; {@code clientHost}, {@code clientIp}, {@code status} (the SASL mechanism),
     * {@code detail} (the reason) and {@code saslUsername} (when logged) are set. Declared last: the binary serde
     * writes kinds by position.
     */
    AUTH_FAILURE
}
