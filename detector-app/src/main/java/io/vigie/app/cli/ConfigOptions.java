package io.vigie.app.cli;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.dmarc.imap.ImapSettings;
import io.vigie.app.siem.SyslogSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config} option every command takes. */
public final class ConfigOptions {

    /** Environment variable naming the configuration file when {@code --config} is absent. */
    public static final String CONFIG_ENV = "VIGIE_CONFIG";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration file (default: $VIGIE_CONFIG, else built-in defaults). "
                    + "Every key can be overridden by a VIGIE_<KEY_PATH> environment variable.")
    private Path config;

    /** Loads and validates the configuration. */
    public VigieConfig load(final Map<String, String> environment) {
        Path file = config;
        if (file == null
                && environment.get(CONFIG_ENV) != null
                && !environment.get(CONFIG_ENV).isBlank()) {
            file = Path.of(environment.get(CONFIG_ENV));
        }
        final VigieConfig config = VigieConfig.load(file, environment);
        // The sections their own packages read are read now too: a bad key stops every command at its start, as
        // the keys VigieConfig reads do, not when the forwarder or the poller is started.
        SyslogSettings.from(config);
        ImapSettings.from(config);
        return config;
    }
}
