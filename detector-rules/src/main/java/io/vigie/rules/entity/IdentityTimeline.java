package io.vigie.rules.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who used one address or host over time, or which addresses and hosts one account used: the value of
 * {@code state.identities} and of the {@value Identities#STORE} store. Intervals are in the order they started.
 * Immutable; {@link #with} gives the timeline with one more fact.
 *
 * <p>An address or host timeline is a succession of users: a fact extends the interval just before it when it is
 * the same account (and host or address) and nobody else's interval started in between, else it starts a new one.
 * An account timeline keeps one interval per address or host it used, extended by each new fact, so that its
 * workstation and its VPN address, alternating all day, take two entries and not one per hour.
 *
 * @param intervals at most {@link Identities#MAX_INTERVALS}, none ending more than {@link Identities#RETENTION}
 *                  before the newest
 */
public record IdentityTimeline(List<Interval> intervals) {

    private static final Comparator<Interval> BY_START = Comparator.comparing(Interval::from);

    public IdentityTimeline {
        intervals = List.copyOf(intervals);
    }

    public static IdentityTimeline empty() {
        return new IdentityTimeline(List.of());
    }

    /**
     * @param account who, lower case; null when the records named a host and its address but nobody
     * @param host    the host (its canonical name), null when unknown
     * @param ip      the address, null when unknown
     * @param from    first seen, or the start of a VPN session
     * @param to      last seen, or the end of a VPN session
     * @param ended   whether {@code to} is a known end (a VPN session that ended), not only the last time seen
     * @param source  what first told it: {@code proxy}, {@code av}, {@code vpn}
     */
    public record Interval(
            String account, String host, String ip, Instant from, Instant to, boolean ended, String source) {

        boolean covers(final Instant time) {
            return !time.isBefore(from) && !time.isAfter(to);
        }

        /** Whether it meets {@code [start, end]}; an interval with no known end counts until {@code to + open}. */
        boolean meets(final Instant start, final Instant end, final Duration open) {
            final Instant last = ended ? to : to.plus(open);
            return !from.isAfter(end) && !last.isBefore(start);
        }

        /** Same account, and no different host or address (an unknown one fits either). */
        boolean sameIdentity(final Interval other) {
            return Objects.equals(account, other.account) && fits(host, other.host) && fits(ip, other.ip);
        }

        /** Whether both name the same host, or the same address (an unknown one is no evidence). */
        boolean sharesHostOrAddress(final Interval other) {
            return host != null && host.equals(other.host) || ip != null && ip.equals(other.ip);
        }

        /** Whether {@code next} (starting no earlier) continues this interval: overlapping, or not long after. */
        boolean continuedBy(final Interval next, final Duration gap) {
            if (!next.from.isAfter(to)) {
                return true;
            }
            // After a known end, the same account again is another session; an end may come any time after a start.
            return !ended && (next.ended || !next.from.isAfter(to.plus(gap)));
        }

        Interval mergedWith(final Interval other) {
            return new Interval(
                    account,
                    host != null ? host : other.host,
                    ip != null ? ip : other.ip,
                    from.isBefore(other.from) ? from : other.from,
                    to.isAfter(other.to) ? to : other.to,
                    ended || other.ended,
                    from.isAfter(other.from) ? other.source : source);
        }

        private static boolean fits(final String a, final String b) {
            return a == null || b == null || a.equals(b);
        }
    }

    /**
     * @param fact      about this timeline's key
     * @param max       intervals kept: the oldest go first
     * @param retention intervals that ended longer than this before the newest one's end go
     * @param gap       a fact this long after the last one of the same interval starts a new interval
     * @return the timeline with the fact; equal to this one when the fact changes nothing
     */
    public IdentityTimeline with(final IdentityFact fact, final int max, final Duration retention, final Duration gap) {
        final Interval added = fact.interval();
        final List<Interval> list = new ArrayList<>(intervals);
        if (fact.kind() == IdentityFact.Kind.ACCOUNT) {
            addToOwnInterval(list, added, gap);
        } else {
            addInSuccession(list, added, gap);
        }
        final Instant horizon = new IdentityTimeline(list).lastSeen().minus(retention);
        list.removeIf(i -> i.to.isBefore(horizon));
        while (list.size() > max) {
            list.remove(0);
        }
        return list.equals(intervals) ? this : new IdentityTimeline(list);
    }

    /** Address or host: insert by start, then merge neighbours that are one user's continued use. */
    private static void addInSuccession(final List<Interval> list, final Interval added, final Duration gap) {
        int at = list.size();
        while (at > 0 && list.get(at - 1).from.isAfter(added.from)) {
            at--;
        }
        list.add(at, added);
        if (at > 0 && continues(list.get(at - 1), added, gap)) {
            list.set(at - 1, list.get(at - 1).mergedWith(added));
            list.remove(at);
            at--;
        }
        if (at + 1 < list.size() && continues(list.get(at), list.get(at + 1), gap)) {
            list.set(at, list.get(at).mergedWith(list.get(at + 1)));
            list.remove(at + 1);
        }
    }

    private static boolean continues(final Interval first, final Interval next, final Duration gap) {
        return first.sameIdentity(next) && first.continuedBy(next, gap);
    }

    /** Account: extend the latest interval of the same address and host, or start one. */
    private static void addToOwnInterval(final List<Interval> list, final Interval added, final Duration gap) {
        for (int i = list.size() - 1; i >= 0; i--) {
            final Interval c = list.get(i);
            if (!c.from.isAfter(added.to)
                    && c.sameIdentity(added)
                    && c.sharesHostOrAddress(added)
                    && (c.from.isAfter(added.from) ? added.continuedBy(c, gap) : c.continuedBy(added, gap))) {
                list.set(i, c.mergedWith(added));
                list.sort(BY_START);
                return;
            }
        }
        list.add(added);
        list.sort(BY_START);
    }

    /**
     * The accounts at {@code time}: those whose interval covers it; when none does, the account of the latest
     * interval started before it, if that one did not end and was last seen within {@code grace} (a proxy is seen
     * again only hourly, and a workstation keeps its user between two records).
     */
    public List<String> accountsAt(final Instant time, final Duration grace) {
        final Set<String> covering = new LinkedHashSet<>();
        Interval latest = null;
        for (final Interval i : intervals) {
            if (i.account == null || i.from.isAfter(time)) {
                continue;
            }
            if (i.covers(time)) {
                covering.add(i.account);
            }
            latest = i;
        }
        if (!covering.isEmpty()) {
            return List.copyOf(covering);
        }
        if (latest == null || latest.ended || latest.to.plus(grace).isBefore(time)) {
            return List.of();
        }
        return List.of(latest.account);
    }

    /** The latest time any interval reaches; {@link Instant#MIN} for an empty timeline. */
    public Instant lastSeen() {
        Instant last = Instant.MIN;
        for (final Interval i : intervals) {
            last = i.to.isAfter(last) ? i.to : last;
        }
        return last;
    }

    /** The intervals that meet {@code [from, to]}; one with no known end counts until its last time plus open. */
    public List<Interval> between(final Instant from, final Instant to, final Duration open) {
        return intervals.stream().filter(i -> i.meets(from, to, open)).toList();
    }
}
