package io.vigie.rules.mail;

import io.vigie.core.model.TopEntry;
import java.time.Instant;
import java.util.List;

/**
 * One partition's whole top-K of one list of one window, as it stands: it replaces what {@link TopMerge} held
 * for that partition and list. Keyed by window id on the way to the merge.
 *
 * @param list      list key: role (S/R), direction (A/I/O), metric (C/B), e.g. {@code S|A|C}
 * @param partition the partition of the counts whose top-K this is
 * @param entries   the top-K in rank order
 * @param time      the latest count time that changed the list
 */
record TopCandidate(
        String window,
        String kind,
        Instant start,
        Instant end,
        String list,
        int partition,
        List<TopEntry> entries,
        Instant time) {

    public TopCandidate {
        entries = List.copyOf(entries);
    }
}
