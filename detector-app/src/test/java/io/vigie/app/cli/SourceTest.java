package io.vigie.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.app.config.VigieConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.TypeConversionException;

class SourceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"auth, AUTH", "OpenVPN, OPENVPN", "' strongswan ', STRONGSWAN", "ANYCONNECT, ANYCONNECT"})
    void shouldAcceptTheVpnSourcesInAnyCaseWhenGivenOnTheCommandLine(final String given, final Source expected) {
        assertThat(new Source.Converter().convert(given)).isEqualTo(expected);
    }

    @Test
    void shouldListTheVpnSourcesWhenTheSourceIsUnknown() {
        assertThatThrownBy(() -> new Source.Converter().convert("fortigate"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("fortigate")
                .hasMessageContaining("auth, openvpn, strongswan or anyconnect");
    }

    @ParameterizedTest
    @EnumSource(
            value = Source.class,
            names = {"AUTH", "OPENVPN", "STRONGSWAN", "ANYCONNECT"})
    void shouldSendVpnLinesBatchedToRawAuthAndFollowThemWhenTheSourceIsAVpnLog(final Source source) {
        assertThat(IngestCommand.rawTopic(VigieConfig.defaults(), source)).isEqualTo("raw.auth");
        assertThat(source.isAuthLog()).isTrue();
        assertThat(source.batchesLines()).isTrue();
        assertThat(FollowCommand.followable(source)).isTrue();
        assertThat(source.isProxyLog() || source.isAntivirusLog() || source.isQuarantineLog())
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = Source.class,
            names = {"AUTH", "OPENVPN", "STRONGSWAN", "ANYCONNECT"},
            mode = EnumSource.Mode.EXCLUDE)
    void shouldSendNoOtherSourceToRawAuthWhenItIsNotAVpnLog(final Source source) {
        assertThat(IngestCommand.rawTopic(VigieConfig.defaults(), source)).isNotEqualTo("raw.auth");
        assertThat(source.isAuthLog()).isFalse();
    }
}
