package io.vigie.rules.mail;

import io.vigie.rules.store.KeyedState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The organisation's senders' volumes per hour ({@link SenderHourVolumes}, keyed by the hour's start in epoch ms), as
 * {@link OutboundVolumeSpike} sees them: read where they are kept when asked, with the changes the decision made on
 * top. Read lazily because a decision reads the learning period's hours only for a sender near a spike, and the
 * hours are many (a week: 168) where a count changes one or two. The caller stores the changes afterwards
 * ({@link #storeChangesIn}), in the order they were made.
 */
final class OrganisationHours {

    private final Function<String, SenderHourVolumes> stored;
    /** Hour key → its new volumes, or null when the hour was removed. */
    private final Map<String, SenderHourVolumes> changes;

    private OrganisationHours(
            final Function<String, SenderHourVolumes> stored, final Map<String, SenderHourVolumes> changes) {
        this.stored = stored;
        this.changes = changes;
    }

    /** The hours as they are kept, unchanged. */
    static OrganisationHours readFrom(final Function<String, SenderHourVolumes> stored) {
        return new OrganisationHours(stored, Map.of());
    }

    /** An hour's volumes, or null when it has none. */
    SenderHourVolumes at(final long hour) {
        final String key = key(hour);
        return changes.containsKey(key) ? changes.get(key) : stored.apply(key);
    }

    OrganisationHours with(final long hour, final SenderHourVolumes volumes) {
        return changed(key(hour), volumes);
    }

    OrganisationHours without(final long hour) {
        return changed(key(hour), null);
    }

    /** The changes made since the hours were read, in their order: nothing else is written. */
    void storeChangesIn(final KeyedState<SenderHourVolumes> hours) {
        changes.forEach((key, volumes) -> {
            if (volumes == null) {
                hours.delete(key);
            } else {
                hours.put(key, volumes);
            }
        });
    }

    private OrganisationHours changed(final String key, final SenderHourVolumes volumes) {
        final Map<String, SenderHourVolumes> next = new LinkedHashMap<>(changes);
        next.remove(key);
        next.put(key, volumes);
        return new OrganisationHours(stored, next);
    }

    /** The store's key of an hour: its start in epoch ms, in decimal. */
    private static String key(final long hour) {
        return Long.toString(hour);
    }
}
