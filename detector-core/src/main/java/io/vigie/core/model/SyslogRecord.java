package io.vigie.core.model;

import java.time.Instant;

/**
 * The syslog envelope of one line: when, which host, which program, and the message text.
 *
 * @param timestamp event time (year inferred from a clock for BSD syslog lines)
 * @param host      the HOSTNAME field
 * @param program   the tag without pid, e.g. {@code postfix/smtpd} or {@code postfix-out/submission/smtpd}
 * @param pid       process id, or null when the tag had none
 * @param message   everything after {@code "tag[pid]: "}
 */
public record SyslogRecord(Instant timestamp, String host, String program, Long pid, String message) {}
