package io.vigie.rules.entity;

import io.vigie.core.model.AuthSession;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * VPN session events, keyed by user, to identity facts keyed by address and account. A gateway logs the assigned
 * address when the session starts and not when it ends (none of the OpenVPN, strongSwan, AnyConnect or JSON end
 * lines carries it), so each user's open sessions are kept in {@value #STORE} and an end is paired with its start:
 * by session id, else by start time, else by address, else the latest open session. The end then closes the
 * address's interval. An end with no start known (lost, or read before its start) gives nothing, unless it names
 * its address.
 */
final class VpnSessionPairing implements Processor<String, AuthSession, String, IdentityFact> {

    static final String STORE = "identity-vpn-open";
    static final String SOURCE = "vpn";
    /** Open sessions kept per user: more at once is a shared account, and the oldest are the least likely. */
    static final int MAX_OPEN = 16;

    /** A session whose start was seen and whose end was not. */
    record Open(String sessionId, String ip, Instant start) {}

    /** A user's open sessions, oldest first. */
    record OpenSessions(List<Open> sessions) {

        OpenSessions {
            sessions = List.copyOf(sessions);
        }
    }

    private final UserMapping mapping;
    private final Duration retention;
    private ProcessorContext<String, IdentityFact> context;
    private KeyValueStore<String, OpenSessions> open;

    VpnSessionPairing(final UserMapping mapping, final Duration retention) {
        this.mapping = mapping;
        this.retention = retention;
    }

    static StoreBuilder<KeyValueStore<String, OpenSessions>> storeBuilder() {
        return JsonStores.keyValue(STORE, OpenSessions.class);
    }

    @Override
    public void init(final ProcessorContext<String, IdentityFact> ctx) {
        this.context = ctx;
        this.open = ctx.getStateStore(STORE);
    }

    @Override
    public void process(final Record<String, AuthSession> event) {
        final AuthSession s = event.value();
        if (event.key() == null || s == null || s.kind() == null || s.time() == null) {
            return;
        }
        final String account = mapping.accountOfUser(s.user());
        if (account == null) {
            return;
        }
        final String ip = IdentityFact.canonicalAddress(s.assignedIp());
        switch (s.kind()) {
            case START -> {
                if (ip != null) {
                    final Instant start = s.start() != null ? s.start() : s.time();
                    remember(event.key(), new Open(s.sessionId(), ip, start));
                    emit(event, account, ip, start, null);
                }
            }
            case END -> {
                final Instant end = s.end() != null ? s.end() : s.time();
                final Open started = forget(event.key(), s, ip, end);
                if (started != null) {
                    emit(event, account, started.ip(), started.start(), end);
                } else if (ip != null) {
                    emit(event, account, ip, s.start() != null ? s.start() : end, end);
                }
            }
            case SESSION -> {
                if (ip != null) {
                    emit(event, account, ip, s.start() != null ? s.start() : s.time(), s.end());
                }
            }
            default -> throw new IllegalStateException("unknown session event kind " + s.kind());
        }
    }

    private void remember(final String user, final Open session) {
        final OpenSessions known = open.get(user);
        final List<Open> sessions = new ArrayList<>(known == null ? List.of() : known.sessions());
        // the same session logged twice (a restart of the shipper, a second line with the address) is one session
        sessions.removeIf(o -> session.sessionId() != null
                ? session.sessionId().equals(o.sessionId())
                : o.ip().equals(session.ip()) && o.start().equals(session.start()));
        sessions.removeIf(o -> o.start().isBefore(session.start().minus(retention)));
        sessions.add(session);
        sessions.sort(Comparator.comparing(Open::start));
        while (sessions.size() > MAX_OPEN) {
            sessions.remove(0);
        }
        open.put(user, new OpenSessions(sessions));
    }

    /** Removes and returns the open session this end closes, or null. */
    private Open forget(final String user, final AuthSession end, final String ip, final Instant endTime) {
        final OpenSessions known = open.get(user);
        if (known == null || known.sessions().isEmpty()) {
            return null;
        }
        final List<Open> sessions = new ArrayList<>(known.sessions());
        Open match = null;
        if (end.sessionId() != null) {
            match = sessions.stream()
                    .filter(o -> end.sessionId().equals(o.sessionId()))
                    .findFirst()
                    .orElse(null);
        }
        if (match == null && end.start() != null) {
            match = sessions.stream()
                    .filter(o -> end.start().equals(o.start()))
                    .findFirst()
                    .orElse(null);
        }
        if (match == null && ip != null) {
            match = sessions.stream()
                    .filter(o -> ip.equals(o.ip()))
                    .reduce((a, b) -> b)
                    .orElse(null);
        }
        if (match == null && end.sessionId() == null && end.start() == null && ip == null) {
            // nothing to tell the sessions apart: the latest that started before the end
            match = sessions.stream()
                    .filter(o -> !o.start().isAfter(endTime))
                    .reduce((a, b) -> b)
                    .orElse(null);
        }
        if (match == null) {
            return null;
        }
        final Open closed = match;
        sessions.removeIf(o -> Objects.equals(o, closed));
        if (sessions.isEmpty()) {
            open.delete(user);
        } else {
            open.put(user, new OpenSessions(sessions));
        }
        return closed;
    }

    private void emit(
            final Record<String, AuthSession> event,
            final String account,
            final String ip,
            final Instant from,
            final Instant until) {
        final String addressKey = IdentityFact.addressKey(ip);
        final String accountKey = IdentityFact.accountKey(account);
        context.forward(event.withKey(addressKey)
                .withValue(new IdentityFact(
                        from, IdentityFact.Kind.ADDRESS, addressKey, account, null, ip, until, SOURCE)));
        context.forward(event.withKey(accountKey)
                .withValue(new IdentityFact(
                        from, IdentityFact.Kind.ACCOUNT, accountKey, account, null, ip, until, SOURCE)));
    }
}
