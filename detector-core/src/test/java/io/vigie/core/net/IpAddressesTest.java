package io.vigie.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "2001:DB8:0:0::1, 2001:db8::1",
        "[2001:db8::1], 2001:db8::1",
        "fe80::1%eth0, fe80::1",
        "::ffff:192.0.2.1, 192.0.2.1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::, ::",
    })
    void shouldGiveOneTextPerAddressWhenWrittenInAnyForm(final String logged, final String canonical) {
        assertThat(IpAddresses.canonical(logged)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "vpn.example",
                "192.0.2.256",
                "192.0.2",
                "01.2.3.4",
                "2001:db8::1::2",
                "unknown",
                " 192.0.2.1"
            })
    void shouldGiveNullWhenTheTextIsNotAnAddressLiteral(final String logged) {
        assertThat(IpAddresses.canonical(logged)).isNull();
    }
}
