package io.vigie.rules.proxy;

import io.vigie.core.serde.BinarySerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rarity of a destination needs, kept per host and read with one lookup per request: the internal
 * clients that contacted it recently (each with its first contact and the day of its last one), and when the
 * organisation first contacted it.
 *
 * <p>Pure and immutable: {@link #seen} returns the same instance when a request changes nothing the rarity
 * needs (a client already known for that day), so that the store is written once per client and day, not once
 * per request. The list is bounded by {@code capacity}: the rare/not-rare verdict only needs counts up to the
 * rarity bound, so past the capacity the least recently seen client (by day) is forgotten and the count reads
 * "at least". A client whose last contact is older than the retention no longer counts.
 *
 * @param clients   the clients, most recently added last; {@code lastDay} is the UTC day (epoch millis) of the
 *                  client's last contact
 * @param firstSeen the first contact of the organisation since the host was last out of use for a whole retention
 * @param capped    a client was forgotten for lack of room: the count is a lower bound
 */
record DestinationSummary(List<ClientSeen> clients, Instant firstSeen, boolean capped) {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    /** One client's contacts with the host: its first one and the day of its last one. */
    record ClientSeen(String client, Instant first, long lastDay) {}

    /** A stored contact and the host it was with. */
    record HostContact(String host, Contact contact) {}

    DestinationSummary {
        clients = List.copyOf(clients);
    }

    static final BinarySerde<DestinationSummary> SERDE =
            BinarySerde.of("destination summary", 0x63, new BinarySerde.Codec<>() {
                @Override
                public void write(final BinarySerde.Out out, final DestinationSummary summary) {
                    out.varLong(summary.clients.size());
                    for (final ClientSeen seen : summary.clients) {
                        out.string(seen.client());
                        out.instant(seen.first());
                        out.varLong(seen.lastDay());
                    }
                    out.instant(summary.firstSeen);
                    out.bool(summary.capped);
                }

                @Override
                public DestinationSummary read(final BinarySerde.In in) {
                    final int size = in.varInt();
                    final List<ClientSeen> clients = new ArrayList<>(Math.min(size, 128));
                    for (int i = 0; i < size; i++) {
                        clients.add(new ClientSeen(in.string(), in.instant(), in.varLong()));
                    }
                    return new DestinationSummary(clients, in.instant(), in.bool());
                }
            });

    static DestinationSummary empty() {
        return new DestinationSummary(List.of(), null, false);
    }

    /**
     * The summary once {@code client} contacted the host at {@code time}; {@code this} when nothing changed.
     * Clients out of the retention are dropped on the way.
     */
    DestinationSummary seen(final String client, final Instant time, final Duration retention, final int capacity) {
        final long day = dayOf(time);
        final long oldestLiveDay = day - retention.toMillis();
        // The common cases first, in one pass and without allocating: most requests change nothing.
        ClientSeen known = null;
        boolean expired = false;
        long leastRecentDay = Long.MAX_VALUE;
        for (final ClientSeen seen : clients) {
            leastRecentDay = Math.min(leastRecentDay, seen.lastDay());
            if (seen.lastDay() < oldestLiveDay) {
                expired = true;
            } else if (java.util.Objects.equals(seen.client(), client)) {
                known = seen;
            }
        }
        if (!expired) {
            if (known != null && known.lastDay() >= day && !known.first().isAfter(time)) {
                return this;
            }
            if (known == null && clients.size() >= capacity && leastRecentDay >= day) {
                // Full of clients all seen this day: the kept ones are still the most recent (by day), and one
                // more cannot change the verdict ("at least", never rare). A popular host is thus written about
                // twice per client and day, not at every request of a client that does not fit.
                return capped ? this : new DestinationSummary(clients, firstSeen, true);
            }
        }
        final List<ClientSeen> live = new ArrayList<>(clients.size() + 1);
        for (final ClientSeen seen : clients) {
            if (seen.lastDay() >= oldestLiveDay && seen != known) {
                live.add(seen);
            }
        }
        final Instant clientFirst = known == null || time.isBefore(known.first()) ? time : known.first();
        live.add(new ClientSeen(client, clientFirst, known == null ? day : Math.max(day, known.lastDay())));
        // Clients forgotten or left out were no more recent (by day) than those kept: once a kept client ages out,
        // so have they.
        boolean forgot = capped && !expired;
        while (live.size() > capacity) {
            live.remove(leastRecent(live));
            forgot = true;
        }
        final boolean stillInUse = live.size() > 1 || known != null;
        final Instant first = !stillInUse || firstSeen == null || time.isBefore(firstSeen) ? time : firstSeen;
        return new DestinationSummary(live, first, forgot);
    }

    /** Distinct clients and first contact within the retention, as of {@code now}. */
    DestinationContext context(final Instant now, final Duration retention) {
        final long oldestLiveDay = dayOf(now) - retention.toMillis();
        int live = 0;
        for (final ClientSeen seen : clients) {
            if (seen.lastDay() >= oldestLiveDay) {
                live++;
            }
        }
        if (live == 0) {
            return new DestinationContext(0, null);
        }
        // A host in continuous use for longer than the retention: its contacts older than that are not counted.
        final Instant retentionStart = Instant.ofEpochMilli(oldestLiveDay);
        final Instant first = firstSeen == null || firstSeen.isBefore(retentionStart) ? retentionStart : firstSeen;
        return new DestinationContext(live, first, capped);
    }

    /** The summaries the given contacts make, replayed in the order of their last request. */
    static Map<String, DestinationSummary> rebuild(
            final List<HostContact> contacts, final Duration retention, final int capacity) {
        final List<HostContact> byLast = new ArrayList<>(contacts);
        byLast.sort(Comparator.comparing(c -> c.contact().last()));
        final Map<String, DestinationSummary> byHost = new HashMap<>();
        for (final HostContact hc : byLast) {
            final Contact c = hc.contact();
            final DestinationSummary before = byHost.getOrDefault(hc.host(), empty());
            byHost.put(
                    hc.host(),
                    before.seen(c.client(), c.first(), retention, capacity)
                            .seen(c.client(), c.last(), retention, capacity));
        }
        return byHost;
    }

    private static int leastRecent(final List<ClientSeen> clients) {
        int oldest = 0;
        for (int i = 1; i < clients.size(); i++) {
            if (clients.get(i).lastDay() < clients.get(oldest).lastDay()) {
                oldest = i;
            }
        }
        return oldest;
    }

    private static long dayOf(final Instant time) {
        return Math.floorDiv(time.toEpochMilli(), DAY_MILLIS) * DAY_MILLIS;
    }
}
