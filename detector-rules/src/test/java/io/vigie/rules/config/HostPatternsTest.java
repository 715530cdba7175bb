package io.vigie.rules.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPatternsTest {

    private final HostPatterns patterns = HostPatterns.of(List.of("windowsupdate.com", "*.digicert.com", "ocsp.*"));

    @Test
    void shouldMatchDomainAndSubdomainsOnLabelBoundaries() {
        assertThat(patterns.matches("windowsupdate.com")).isTrue();
        assertThat(patterns.matches("download.windowsupdate.com")).isTrue();
        assertThat(patterns.matches("cacerts.digicert.com")).isTrue();
        assertThat(patterns.matches("digicert.com")).isTrue();
        assertThat(patterns.matches("evilwindowsupdate.com")).isFalse();
        assertThat(patterns.matches("windowsupdate.com.evil.ru")).isFalse();
    }

    @Test
    void shouldMatchFirstLabelPattern() {
        assertThat(patterns.matches("ocsp.sectigo.com")).isTrue();
        assertThat(patterns.matches("ocsp2.sectigo.com")).isFalse();
        assertThat(patterns.matches("notocsp.example.com")).isFalse();
    }

    @Test
    void shouldMatchNothingForNullOrEmptyHost() {
        assertThat(patterns.matches(null)).isFalse();
        assertThat(patterns.matches("")).isFalse();
    }

    @Test
    void shouldRefuseWildcardsElsewhere() {
        assertThatThrownBy(() -> HostPatterns.of(List.of("foo.*.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("foo.*.com");
        assertThatThrownBy(() -> HostPatterns.of(List.of("*."))).isInstanceOf(IllegalArgumentException.class);
    }
}
