package io.vigie.rules.mail;

import io.vigie.core.model.TopEntry;
import io.vigie.core.report.PflogsummRanking;
import java.util.Comparator;
import java.util.function.UnaryOperator;

/** The rank order of a top list: pflogsumm's, by message count or by bytes. */
final class TopOrdering {

    static final Comparator<TopEntry> BY_COUNT = byCount(PflogsummRanking::sortKey);
    static final Comparator<TopEntry> BY_BYTES = byBytes(PflogsummRanking::sortKey);

    private TopOrdering() {}

    /** By message count, with the sort keys from {@code sortKeys} (see {@link #sortKeys()}). */
    static Comparator<TopEntry> byCount(final UnaryOperator<String> sortKeys) {
        return (a, b) -> PflogsummRanking.compare(a.messages(), a.address(), b.messages(), b.address(), sortKeys);
    }

    static Comparator<TopEntry> byBytes(final UnaryOperator<String> sortKeys) {
        return (a, b) -> PflogsummRanking.compare(a.bytes(), a.address(), b.bytes(), b.address(), sortKeys);
    }

    /**
     * pflogsumm's sort keys of the addresses a processor ranks, remembered: a top list compares its tail of equal
     * counts at every insertion, and computing the key each time was a tenth of the top-20 counting.
     */
    static UnaryOperator<String> sortKeys() {
        return new Remembered(20_000, PflogsummRanking::sortKey);
    }

    /** The comparator for a list key such as {@code S|A|C} (last letter: C count, B bytes). */
    static Comparator<TopEntry> forList(final String listKey) {
        return listKey.endsWith("C") ? BY_COUNT : BY_BYTES;
    }
}
