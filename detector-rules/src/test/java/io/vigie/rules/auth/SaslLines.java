package io.vigie.rules.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Postfix lines as Postfix writes them (3.7 on Debian 12, the submission service on port 587), for the SASL rules'
 * tests: failed SMTP AUTH warnings and the messages of successful logins.
 */
final class SaslLines {

    private SaslLines() {}

    /**
     * smtpd's warning for a failed AUTH; {@code login} null gives the form of a Postfix that does not log the login
     * tried.
     */
    static String failure(final String time, final String ip, final String method, final String login) {
        return "Nov " + time + " mx postfix/submission/smtpd[" + pid(ip) + "]: warning: unknown[" + ip + "]: SASL "
                + method + " authentication failed: authentication failure"
                + (login == null ? "" : ", sasl_username=" + login);
    }

    /**
     * The lines of one message sent after a successful AUTH: its {@code client=} line, cleanup, the queue manager,
     * one delivery per recipient (to the outside through smtp, inside through lmtp) and the removal.
     *
     * @param time     {@code DD HH:MM:SS}, the day in November 2026
     * @param queueId  upper-case hex
     * @param sender   the envelope sender
     */
    static List<String> message(
            final String time,
            final String queueId,
            final String ip,
            final String login,
            final String sender,
            final String... recipients) {
        final String at = "Nov " + time + " mx ";
        final List<String> lines = new ArrayList<>();
        lines.add(at + "postfix/submission/smtpd[" + pid(ip) + "]: " + queueId + ": client=unknown[" + ip
                + "], sasl_method=LOGIN, sasl_username=" + login);
        lines.add(at + "postfix/cleanup[2301]: " + queueId + ": message-id=<" + queueId.toLowerCase()
                + "@poste.example>");
        lines.add(at + "postfix/qmgr[2302]: " + queueId + ": from=<" + sender + ">, size=2318, nrcpt="
                + recipients.length + " (queue active)");
        for (final String recipient : recipients) {
            if (recipient.endsWith("@" + SaslDriver.DOMAIN)) {
                lines.add(at + "postfix/lmtp[2303]: " + queueId + ": to=<" + recipient + ">, relay=exch01.chu-exemple"
                        + ".local[10.0.0.25]:24, delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 "
                        + "Ok)");
            } else {
                lines.add(at + "postfix/smtp[2304]: " + queueId + ": to=<" + recipient + ">, relay=mx.example.net"
                        + "[192.0.2.7]:25, delay=1.1, delays=0.1/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
                        + "queued as 4XQx8n2sYW)");
            }
        }
        lines.add(at + "postfix/qmgr[2302]: " + queueId + ": removed");
        return lines;
    }

    /** One smtpd process per client, as when each client holds its own connection. */
    private static int pid(final String ip) {
        return 1000 + Math.floorMod(ip.hashCode(), 9000);
    }
}
