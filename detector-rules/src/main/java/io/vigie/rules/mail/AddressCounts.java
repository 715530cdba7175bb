package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.serde.BinarySerde;
import java.util.ArrayList;
import java.util.List;

/**
 * One address's counts in one role (sender or recipient), for every open window it appears in: the value of
 * the top lists' counts store. One entry per address rather than one per window and direction, so that a count
 * reads and writes the store once, not once for each of the seven windows (the day and six rolling hours) and
 * two directions it belongs to; that fan-out was the largest cost of the mail flow.
 *
 * <p>Mutable on purpose, like {@link MessageState}: updated in place for each count, then put back.
 */
final class AddressCounts {

    static final BinarySerde<AddressCounts> SERDE = BinarySerde.of("address counts", 0x54, new BinarySerde.Codec<>() {
        @Override
        public void write(final BinarySerde.Out out, final AddressCounts counts) {
            out.varLong(counts.windows.size());
            for (final WindowCounts w : counts.windows) {
                out.string(w.window);
                for (final long value : w.values) {
                    out.varLong(value);
                }
            }
        }

        @Override
        public AddressCounts read(final BinarySerde.In in) {
            final int size = in.varInt();
            final AddressCounts counts = new AddressCounts();
            for (int i = 0; i < size; i++) {
                // the same few window ids in every entry: one String each, not one per entry
                final WindowCounts w = new WindowCounts(in.string().intern());
                for (int v = 0; v < w.values.length; v++) {
                    w.values[v] = in.varLong();
                }
                counts.windows.add(w);
            }
            return counts;
        }
    });

    /** The list letter of each direction slot: all, inbound, outbound. */
    static final char[] DIRECTIONS = {'A', 'I', 'O'};

    final List<WindowCounts> windows = new ArrayList<>(8);

    /** The counts of one window: messages and bytes for all directions, inbound and outbound. */
    static final class WindowCounts {
        final String window;
        /** messages and bytes, by direction slot: [A msgs, A bytes, I msgs, I bytes, O msgs, O bytes]. */
        final long[] values = new long[6];

        WindowCounts(final String window) {
            this.window = window;
        }

        long messages(final int slot) {
            return values[slot * 2];
        }

        long bytes(final int slot) {
            return values[slot * 2 + 1];
        }

        void add(final int slot, final long messages, final long bytes) {
            values[slot * 2] += messages;
            values[slot * 2 + 1] += bytes;
        }
    }

    WindowCounts window(final String id) {
        for (final WindowCounts w : windows) {
            if (w.window.equals(id)) {
                return w;
            }
        }
        final WindowCounts created = new WindowCounts(id);
        windows.add(created);
        return created;
    }

    /** The direction slot of a count (besides slot 0, all), or -1 when it counts in "all" only. */
    static int slotOf(final Direction direction) {
        if (direction == Direction.INBOUND) {
            return 1;
        }
        return direction == Direction.OUTBOUND ? 2 : -1;
    }
}
