package io.vigie.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceNetworksTest {

    private final SourceNetworks defaults = new SourceNetworks(24, 64);

    @ParameterizedTest
    @CsvSource({
        "203.0.113.42, 203.0.113.0/24",
        "203.0.113.255, 203.0.113.0/24",
        "::ffff:198.51.100.7, 198.51.100.0/24",
        "2001:db8:4:5::9, 2001:db8:4:5::/64",
        "2001:DB8:0:0:1:2:3:4, 2001:db8::/64",
        "fe80::1:2:3:4%eth0, fe80::/64",
        "2001:db8:ffff:1:aaaa:bbbb:cccc:dddd, 2001:db8:ffff:1::/64",
    })
    void shouldGiveTheNetworkOfAnAddressInShortForm(final String ip, final String network) {
        assertThat(defaults.of(ip)).isEqualTo(network);
    }

    @Test
    void shouldFollowTheConfiguredPrefixLengths() {
        final SourceNetworks narrow = new SourceNetworks(32, 128);
        final SourceNetworks wide = new SourceNetworks(16, 48);

        assertThat(narrow.of("203.0.113.42")).isEqualTo("203.0.113.42/32");
        assertThat(narrow.of("2001:db8::1")).isEqualTo("2001:db8::1/128");
        assertThat(wide.of("203.0.113.42")).isEqualTo("203.0.0.0/16");
        assertThat(wide.of("2001:db8:4:5::9")).isEqualTo("2001:db8:4::/48");
        assertThat(new SourceNetworks(20, 64).of("10.12.200.7")).isEqualTo("10.12.192.0/20");
    }

    @Test
    void shouldCompressOnlyTheLongestRunOfZeroGroups() {
        final SourceNetworks full = new SourceNetworks(24, 128);

        assertThat(full.of("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1/128");
        assertThat(full.of("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1/128");
        assertThat(full.of("1:0:0:2:0:0:3:4")).isEqualTo("1::2:0:0:3:4/128");
        assertThat(full.of("::")).isEqualTo("::/128");
        assertThat(full.of("1:2:3:4:5:6:7:8")).isEqualTo("1:2:3:4:5:6:7:8/128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "", "mail.example.org", "203.0.113", "2001:db8:::1", "999.1.1.1"})
    void shouldGiveNoNetworkWhenTheTextIsNotAnAddress(final String text) {
        assertThat(defaults.of(text)).isNull();
    }

    @Test
    void shouldRefuseAPrefixLengthOutOfRange() {
        assertThatThrownBy(() -> new SourceNetworks(0, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPv4");
        assertThatThrownBy(() -> new SourceNetworks(24, 129))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPv6");
    }
}
