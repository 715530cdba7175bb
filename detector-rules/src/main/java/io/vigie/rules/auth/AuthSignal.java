package io.vigie.rules.auth;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.MailRecipient;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.net.SourceNetworks;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One SMTP AUTH event on its way to the SASL rules: a failed login (a Postfix {@code AUTH_FAILURE} line) or a
 * successful one, seen on the message it sent (Postfix logs a successful AUTH only on the message's
 * {@code client=} line). The value of the SASL repartition topics, keyed first by source network, then by account.
 *
 * @param type               failure or login
 * @param time               event time: the warning's, or the message's first line (its {@code client=} line)
 * @param host               the Postfix host
 * @param account            the login, lower case; null for a failure whose login Postfix did not log
 * @param clientIp           the client's address
 * @param clientHost         its name as Postfix logged it ({@code unknown} when unresolved)
 * @param network            the client's source network ({@link SourceNetworks})
 * @param method             FAILURE: the SASL mechanism
 * @param queueId            LOGIN: the message
 * @param sender             LOGIN: its envelope sender
 * @param outbound           LOGIN: the message went (or was to go) to the outside
 * @param outboundRecipients LOGIN: its external recipients
 * @param networkFailures    LOGIN: what the network stage knew of failures from the login's network, or null
 */
public record AuthSignal(
        Type type,
        Instant time,
        String host,
        String account,
        String clientIp,
        String clientHost,
        String network,
        String method,
        String queueId,
        String sender,
        boolean outbound,
        int outboundRecipients,
        NetworkFailures networkFailures) {

    /** Longest login kept: sprayers send anything, and a login is a state store key. */
    static final int MAX_ACCOUNT_LENGTH = 320;

    /** What happened. */
    public enum Type {
        FAILURE,
        LOGIN
    }

    /**
     * Failures from one source network within the window before a login.
     *
     * @param failures        failed logins
     * @param accountsTried   distinct logins tried (when Postfix logged them)
     * @param accountFailures of the failures, those on the login's own account
     * @param addresses       the failing addresses, most failures first (a few)
     * @param firstFailure    earliest failure of the window (epoch ms)
     * @param lastFailure     latest failure before the login (epoch ms)
     */
    public record NetworkFailures(
            long failures,
            long accountsTried,
            long accountFailures,
            List<String> addresses,
            long firstFailure,
            long lastFailure) {}

    /** A failed AUTH line; its network is null when its address is not one ({@code unknown}). */
    public static AuthSignal failure(final PostfixEvent line, final SourceNetworks networks) {
        return new AuthSignal(
                Type.FAILURE,
                line.time(),
                line.host(),
                account(line.saslUsername()),
                line.clientIp(),
                line.clientHost(),
                networks.of(line.clientIp()),
                line.status(),
                null,
                null,
                false,
                0,
                null);
    }

    /** A message sent after a successful AUTH; its network is null when the client address is unknown. */
    public static AuthSignal login(final MailMessage message, final SourceNetworks networks) {
        final Set<String> external = new HashSet<>();
        for (final MailRecipient recipient : message.recipients()) {
            if (recipient.direction() == Direction.OUTBOUND && recipient.address() != null) {
                external.add(recipient.address().toLowerCase(Locale.ROOT));
            }
        }
        return new AuthSignal(
                Type.LOGIN,
                message.firstSeen(),
                message.host(),
                account(message.saslUsername()),
                message.clientIp(),
                message.clientHost(),
                networks.of(message.clientIp()),
                null,
                message.queueId(),
                message.sender(),
                message.direction() == Direction.OUTBOUND,
                external.size(),
                null);
    }

    /** Whether a message is one this part reads: sent after a successful AUTH from a known address. */
    public static boolean isLogin(final MailMessage message) {
        return message.saslUsername() != null
                && !message.saslUsername().isBlank()
                && message.clientIp() != null
                && message.firstSeen() != null;
    }

    /** The same login with what the network stage knew. */
    AuthSignal withNetworkFailures(final NetworkFailures failures) {
        return new AuthSignal(
                type,
                time,
                host,
                account,
                clientIp,
                clientHost,
                network,
                method,
                queueId,
                sender,
                outbound,
                outboundRecipients,
                failures);
    }

    /**
     * In lower case: Active Directory and most LDAP set-ups take logins whatever their case, and a sprayer's case
     * variants of one login are one account to defend.
     */
    static String account(final String login) {
        if (login == null || login.isBlank()) {
            return null;
        }
        final String lower = login.strip().toLowerCase(Locale.ROOT);
        return lower.length() > MAX_ACCOUNT_LENGTH ? lower.substring(0, MAX_ACCOUNT_LENGTH) : lower;
    }
}
