package io.vigie.rules.mail;

import io.vigie.core.model.TopEntry;
import io.vigie.core.report.PflogsummRanking;
import java.util.Comparator;

/** The rank order of a top list: pflogsumm's, by message count or by bytes. */
final class TopOrdering {

    static final Comparator<TopEntry> BY_COUNT = (a, b) ->
            PflogsummRanking.compare(a.messages(), a.address(), b.messages(), b.address());
    static final Comparator<TopEntry> BY_BYTES = (a, b) ->
            PflogsummRanking.compare(a.bytes(), a.address(), b.bytes(), b.address());

    private TopOrdering() {
    }

    /** The comparator for a list key such as {@code S|A|C} (last letter: C count, B bytes). */
    static Comparator<TopEntry> forList(final String listKey) {
        return listKey.endsWith("C") ? BY_COUNT : BY_BYTES;
    }
}
