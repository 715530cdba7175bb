package io.vigie.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PflogsummRankingTest {

    @Test
    void shouldReverseAddressPartsAndLowerCaseThemWhenBuildingTheSortKey() {
        assertThat(PflogsummRanking.sortKey("John.Doe@Example.ORG")).isEqualTo("orgexampledoejohn");
    }

    @Test
    void shouldKeyDottedQuadsByOctetValueWhenTheAddressIsAnIp() {
        assertThat(PflogsummRanking.sortKey("10.2.3.4")).isEqualTo(new String(new char[] {10, 2, 3, 4}));
    }

    @Test
    void shouldKeepTheNullSenderMarkerWhenThereIsNoSeparator() {
        assertThat(PflogsummRanking.sortKey("from=<>")).isEqualTo("from=<>");
    }

    @Test
    void shouldOrderByValueThenBySortKeyWhenValuesTie() {
        final List<String> addresses = new ArrayList<>(List.of("b@zz.org", "a@aa.org", "c@aa.com"));
        addresses.sort((x, y) -> PflogsummRanking.compare(5, x, 5, y));
        // keys: "orgzzb", "orgaaa", "comaac"
        assertThat(addresses).containsExactly("c@aa.com", "a@aa.org", "b@zz.org");
        assertThat(PflogsummRanking.compare(6, "z@z.z", 5, "a@a.a")).isNegative();
    }

    @Test
    void shouldTruncateToKilobytesOnlyAboveHalfAMegabyteWhenPrinting() {
        assertThat(PflogsummRanking.printed(524_288)).isEqualTo(new PflogsummRanking.Printed(524_288, ' '));
        assertThat(PflogsummRanking.printed(524_289)).isEqualTo(new PflogsummRanking.Printed(512, 'k'));
        assertThat(PflogsummRanking.printed(536_870_913L)).isEqualTo(new PflogsummRanking.Printed(512, 'm'));
    }
}
