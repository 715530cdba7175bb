package io.vigie.app.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.app.config.VigieConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code siem.syslog} section, read by {@link SyslogSettings#from(VigieConfig)}. */
class SyslogSettingsTest {

    @TempDir
    Path dir;

    private Path yaml(final String text) throws IOException {
        final Path file = dir.resolve("vigie.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Loads the configuration and reads the section, as every command does at its start. */
    private static SyslogSettings load(final Map<String, String> env) {
        return SyslogSettings.from(VigieConfig.load(null, env));
    }

    @Test
    void shouldHaveTheDefaultsOfTheKeyTable() {
        assertThat(SyslogSettings.from(VigieConfig.load(null, Map.of()))).isEqualTo(SyslogSettings.defaults());
    }

    @Test
    void shouldReadTheSyslogForwarderSettingsAndMaskItsSecret() throws IOException {
        final VigieConfig defaults = VigieConfig.load(null, Map.of());
        assertThat(SyslogSettings.from(defaults).enabled()).isFalse();
        assertThat(SyslogSettings.from(defaults).port()).isEqualTo(6514);
        assertThat(SyslogSettings.from(defaults).protocol()).isEqualTo(SyslogSettings.Protocol.TLS);
        assertThat(SyslogSettings.from(defaults).facility()).isEqualTo(20);
        assertThat(SyslogSettings.from(defaults).appName()).isEqualTo("vigie");

        final Path file = yaml("""
                siem:
                  syslog:
                    enabled: true
                    host: siem.chu-exemple.fr
                    protocol: tcp
                    port: 1514
                    facility: local7
                    app-name: vigie-chu
                """);
        final VigieConfig config =
                VigieConfig.load(file, Map.of("VIGIE_SIEM_SYSLOG_TRUST_STORE_PASSWORD", "st0re-s3cr3t"));
        final SyslogSettings syslog = SyslogSettings.from(config);
        assertThat(syslog.enabled()).isTrue();
        assertThat(syslog.host()).isEqualTo("siem.chu-exemple.fr");
        assertThat(syslog.protocol()).isEqualTo(SyslogSettings.Protocol.TCP);
        assertThat(syslog.port()).isEqualTo(1514);
        assertThat(syslog.facility()).isEqualTo(23);
        assertThat(syslog.appName()).isEqualTo("vigie-chu");
        assertThat(config.describeForLog())
                .contains("siem.syslog.trust-store-password=******")
                .doesNotContain("st0re-s3cr3t");
        assertThat(syslog.toString()).doesNotContain("st0re-s3cr3t");
    }

    @Test
    void shouldRefuseBadSyslogForwarderSettings() {
        assertThatThrownBy(() -> load(Map.of("VIGIE_SIEM_SYSLOG_ENABLED", "true")))
                .hasMessageContaining("siem.syslog")
                .hasMessageContaining("host must be set");
        assertThatThrownBy(() -> load(Map.of("VIGIE_SIEM_SYSLOG_PROTOCOL", "udp")))
                .hasMessageContaining("siem.syslog.protocol")
                .hasMessageContaining("tls or tcp");
        assertThatThrownBy(() -> load(Map.of("VIGIE_SIEM_SYSLOG_FACILITY", "local9")))
                .hasMessageContaining("siem.syslog.facility");
        assertThatThrownBy(() -> load(Map.of("VIGIE_SIEM_SYSLOG_PORT", "0"))).hasMessageContaining("siem.syslog.port");
        assertThatThrownBy(() -> load(Map.of("VIGIE_SIEM_SYSLOG_APP_NAME", "vigie chu")))
                .hasMessageContaining("siem.syslog.app-name");
        assertThatThrownBy(() -> load(Map.of(
                        "VIGIE_SIEM_SYSLOG_PROTOCOL", "tcp", "VIGIE_SIEM_SYSLOG_TRUST_STORE", "/etc/vigie/siem.p12")))
                .hasMessageContaining("trust-store is only used with protocol tls");
        assertThatThrownBy(() ->
                        load(Map.of("VIGIE_SIEM_SYSLOG_TRUST_STORE_PASSWORD", "x", "VIGIE_SIEM_SYSLOG_PORT", "x")))
                .hasMessageContaining("siem.syslog.port");
    }
}
