package io.vigie.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InternalNetworksTest {

    private final InternalNetworks networks = InternalNetworks.of(
            "10.0.0.0/8", "192.168.12.0/22", "172.16.5.7", "2001:db8:1200::/40", "[fd00::]/8", "::1", "100.64.0.0/10");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0",
                "10.255.255.255",
                "10.1.2.3",
                "192.168.12.1",
                "192.168.15.254",
                "172.16.5.7",
                "100.64.0.1",
                "100.127.255.255",
                "2001:db8:1200::1",
                "2001:db8:12ff:ffff::42",
                "fd12:3456::9",
                "::1",
                "[10.1.2.3]",
                "[2001:db8:1234::5]",
                "IPv6:2001:db8:1200::25",
                "ipv6:::1",
                "fd00::1%eth0",
                " 10.9.8.7 ",
                "::ffff:10.1.2.3",
                "::FFFF:192.168.13.4",
                "2001:DB8:1200:0:0:0:0:1",
                "0:0:0:0:0:0:0:1"
            })
    void shouldContainTheAddressWhenItIsInsideANetwork(final String ip) {
        assertThat(networks.contains(ip)).as(ip).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11.0.0.1",
                "9.255.255.255",
                "192.168.16.0",
                "192.168.11.255",
                "172.16.5.8",
                "100.128.0.0",
                "2001:db8:1300::1",
                "2001:db9::1",
                "fe80::1",
                "::2",
                "::ffff:11.1.2.3",
                "::10.1.2.3"
            })
    void shouldNotContainTheAddressWhenItIsOutsideEveryNetwork(final String ip) {
        assertThat(networks.contains(ip)).as(ip).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "unknown",
                "mx.chu-exemple.fr",
                "10.1.2",
                "10.1.2.3.4",
                "10.1.2.256",
                "10.01.2.3",
                "10..2.3",
                "1.2.3.4/8",
                "-1.2.3.4",
                "10.1.2.3x",
                "::1::",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "12345::1",
                "::g",
                ":1",
                "1:",
                "1:2:3:4:5:6:7::8",
                "[10.1.2.3",
                "::ffff:10.1.2",
                "\u0661\u0660.1.2.3",
                "１０.1.2.3",
                "2001:db8:1200::\u0661"
            })
    void shouldAnswerFalseWithoutThrowingWhenTheAddressIsGarbage(final String garbage) {
        assertThat(networks.contains(garbage)).as(garbage).isFalse();
    }

    @Test
    void shouldAnswerFalseWhenTheAddressIsNull() {
        assertThat(networks.contains(null)).isFalse();
    }

    @Test
    void shouldContainNothingWhenNoNetworkIsConfigured() {
        assertThat(InternalNetworks.none().contains("10.1.2.3")).isFalse();
        assertThat(InternalNetworks.none().isEmpty()).isTrue();
        assertThat(InternalNetworks.of(List.of()).contains("::1")).isFalse();
    }

    @Test
    void shouldContainEverythingWhenTheDefaultRoutesAreConfigured() {
        final InternalNetworks all = InternalNetworks.of("0.0.0.0/0", "::/0");

        assertThat(all.contains("203.0.113.9")).isTrue();
        assertThat(all.contains("2001:db8::9")).isTrue();
        assertThat(all.contains("garbage")).isFalse();
    }

    @Test
    void shouldKeepTheEntriesAsGivenWhenListingThem() {
        assertThat(InternalNetworks.of(Arrays.asList(" 10.0.0.0/8 ", "::1")).cidrs())
                .containsExactly("10.0.0.0/8", "::1");
        assertThat(networks.isEmpty()).isFalse();
        assertThat(networks.toString()).contains("10.0.0.0/8");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.0/33|10.0.0.0/33",
                "10.0.0.0/|10.0.0.0/",
                "10.0.0.0/x|10.0.0.0/x",
                "10.0.0.0/-1|10.0.0.0/-1",
                "2001:db8::/129|2001:db8::/129",
                "10.1.2.3/8|did you mean 10.0.0.0/8",
                "2001:db8::1/32|did you mean 2001:db8:0:0:0:0:0:0/32",
                "mx.chu-exemple.fr|mx.chu-exemple.fr",
                "10.0.0|10.0.0",
                "/8|/8",
            })
    void shouldNameTheBadEntryWhenTheConfigurationIsInvalid(final String entry, final String message) {
        assertThatThrownBy(() -> InternalNetworks.of("192.168.0.0/16", entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseBlankOrMissingEntriesWhenConfigured() {
        assertThatThrownBy(() -> InternalNetworks.of("10.0.0.0/8", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty entry");
        assertThatThrownBy(() -> InternalNetworks.of(Arrays.asList("10.0.0.0/8", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InternalNetworks.of((List<String>) null)).isInstanceOf(IllegalArgumentException.class);
    }
}
