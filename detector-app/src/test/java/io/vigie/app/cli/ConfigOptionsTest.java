package io.vigie.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.app.config.InvalidConfigException;
import io.vigie.app.config.VigieConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every command loads: {@link VigieConfig} and the sections other packages read. */
class ConfigOptionsTest {

    private static final Path EXAMPLE = Path.of("..", "deploy", "vigie.example.yaml");

    /** Every key of the table, hence of the example file, is read by someone: no key is accepted to do nothing. */
    @Test
    void shouldReadEveryKeyOfTheTable() {
        assertThat(new ConfigOptions().load(Map.of()).unreadKeys()).isEmpty();
        assertThat(new ConfigOptions()
                        .load(Map.of(ConfigOptions.CONFIG_ENV, EXAMPLE.toString()))
                        .unreadKeys())
                .isEmpty();
    }

    @Test
    void shouldRefuseABadKeyOfASectionReadElsewhereAtLoad() {
        assertThatThrownBy(() -> new ConfigOptions().load(Map.of("VIGIE_SIEM_SYSLOG_PORT", "0")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("siem.syslog.port");
        assertThatThrownBy(() -> new ConfigOptions().load(Map.of("VIGIE_DMARC_IMAP_SECURITY", "plain")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("dmarc.imap.security");
    }

    @Test
    void shouldRefuseAKeyTheEngineDoesNotRead() {
        assertThatThrownBy(() -> new ConfigOptions().load(Map.of("VIGIE_SIEM_SYSLOG_LEVEL", "info")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("VIGIE_SIEM_SYSLOG_LEVEL");
    }
}
