package io.vigie.rules.proxy;

import io.vigie.rules.detection.Outcome;
import io.vigie.rules.proxy.MailClickDetection.HostLures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lures of a destination task's hosts ({@value MailClickDetection#STORE}), as the {@link MailClickDetection}
 * decisions' state: read, and written as they decide. The hosts that have lures are also held in memory, rebuilt from
 * the store when the task starts and kept with it after, so that a request to any other host (nearly all of them)
 * costs one hash lookup, no store read. Made anew in each {@code init()}.
 */
final class KeptLures {

    private final KeyValueStore<String, HostLures> store;
    private final Set<String> hosts = new HashSet<>();

    KeptLures(final KeyValueStore<String, HostLures> store) {
        this.store = store;
        try (KeyValueIterator<String, HostLures> it = store.all()) {
            it.forEachRemaining(kv -> hosts.add(kv.key));
        }
    }

    /** Whether a host has lures: the one check every request pays. */
    boolean watches(final String host) {
        return hosts.contains(host);
    }

    /** A host's lures; null when it has none (it is then no longer watched). */
    HostLures get(final String host) {
        final HostLures known = store.get(host);
        if (known == null) {
            hosts.remove(host);
        }
        return known;
    }

    /** Stores what a decision made of the host's lures, and returns what it emits. */
    <O> List<O> apply(final String host, final Outcome<HostLures, O> outcome) {
        switch (outcome.change()) {
            case PUT -> {
                store.put(host, outcome.state());
                hosts.add(host);
            }
            case DELETE -> {
                store.delete(host);
                hosts.remove(host);
            }
            case KEEP -> {
                // nothing to write: the store, and its changelog, stay as they were
            }
            default -> throw new IllegalStateException("unknown state change " + outcome.change());
        }
        return outcome.outputs();
    }

    /** Replaces every host's lures by what {@code unexpired} keeps of them (null: none, the host is forgotten). */
    void sweep(final UnaryOperator<HostLures> unexpired) {
        final List<KeyValue<String, HostLures>> changed = new ArrayList<>();
        try (KeyValueIterator<String, HostLures> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<String, HostLures> kv = it.next();
                final HostLures live = unexpired.apply(kv.value);
                if (live != kv.value) {
                    changed.add(KeyValue.pair(kv.key, live));
                }
            }
        }
        for (final KeyValue<String, HostLures> kv : changed) {
            if (kv.value == null) {
                store.delete(kv.key);
                hosts.remove(kv.key);
            } else {
                store.put(kv.key, kv.value);
            }
        }
    }
}
