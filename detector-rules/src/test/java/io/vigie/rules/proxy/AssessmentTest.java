package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssessmentTest {

    @Test
    void shouldScoreTheSumOfItsFeatures() {
        final Assessment a = Assessment.of(List.of(new Feature("a", 20, "a"), new Feature("b", 30, "b")));

        assertThat(a.score()).isEqualTo(50);
        assertThat(a.reaches(50)).isTrue();
        assertThat(a.reaches(51)).isFalse();
        assertThat(a.has("b")).isTrue();
        assertThat(a.has("c")).isFalse();
    }

    @Test
    void shouldRefuseScoreThatTheFeaturesDoNotExplain() {
        assertThatThrownBy(() -> new Assessment(60, List.of(new Feature("a", 20, "a"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverReachThresholdWithoutFeatures() {
        assertThat(Assessment.NONE.reaches(0)).isFalse();
    }

    @Test
    void shouldDescribeDestination() {
        assertThat(new DestinationContext(1, null).describe()).isEqualTo("1 internal client");
        assertThat(new DestinationContext(3, Requests.T0).describe())
                .isEqualTo("3 internal clients since 2026-11-28T05:27:26Z");
        assertThat(new DestinationContext(3, null).rare(3)).isTrue();
        assertThat(new DestinationContext(4, null).rare(3)).isFalse();
    }
}
