package io.vigie.rules.proxy;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * One client's requests to one destination host within one day: what the retro-hunt reports and the rarity
 * of a destination is computed from.
 *
 * @param client   the client address
 * @param first    first request of the day
 * @param last     last request of the day
 * @param requests requests made
 * @param blocked  of which the proxy refused
 * @param users    authenticated users seen on that client for that host (at most {@value #MAX_USERS})
 */
public record Contact(String client, Instant first, Instant last, long requests, long blocked, List<String> users) {

    static final int MAX_USERS = 5;

    public Contact {
        users = users == null ? List.of() : List.copyOf(users);
    }

    static Contact first(final String client, final Instant time, final boolean blocked, final String user) {
        return new Contact(client, time, time, 1, blocked ? 1 : 0, user == null ? List.of() : List.of(user));
    }

    Contact plus(final Instant time, final boolean wasBlocked, final String user) {
        return merge(first(client, time, wasBlocked, user));
    }

    /** Both periods together: earliest first, latest last, counts summed, users united. */
    public Contact merge(final Contact other) {
        final TreeSet<String> allUsers = new TreeSet<>(users);
        for (final String u : other.users) {
            if (allUsers.size() >= MAX_USERS) {
                break;
            }
            allUsers.add(u);
        }
        return new Contact(
                client,
                first.isBefore(other.first) ? first : other.first,
                last.isAfter(other.last) ? last : other.last,
                requests + other.requests,
                blocked + other.blocked,
                List.copyOf(allUsers));
    }
}
