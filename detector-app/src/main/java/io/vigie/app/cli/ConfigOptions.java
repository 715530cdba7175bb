package io.vigie.app.cli;

import io.vigie.app.config.VigieConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config} option every command takes. */
public final class ConfigOptions {

    /** Environment variable naming the configuration file when {@code --config} is absent. */
    public static final String CONFIG_ENV = "VIGIE_CONFIG";

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (default: $VIGIE_CONFIG, else built-in defaults). "
                    + "Every key can be overridden by a VIGIE_<KEY_PATH> environment variable.")
    private Path config;

    /** Loads and validates the configuration. */
    public VigieConfig load(final Map<String, String> environment) {
        Path file = config;
        if (file == null && environment.get(CONFIG_ENV) != null && !environment.get(CONFIG_ENV).isBlank()) {
            file = Path.of(environment.get(CONFIG_ENV));
        }
        return VigieConfig.load(file, environment);
    }
}
