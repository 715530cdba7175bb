package io.vigie.app.cli;

import io.vigie.app.config.VigieConfig;
import picocli.CommandLine.Option;

/** The {@code --bootstrap-servers} option of the commands that talk to a Kafka cluster. */
public final class ClusterOption {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use (default: kafka.bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS; "
                    + "when empty, the embedded broker).")
    private String bootstrapServers;

    /** The configuration, pointed at the cluster given on the command line if there is one. */
    VigieConfig applyTo(final VigieConfig config) {
        return bootstrapServers == null || bootstrapServers.isBlank()
                ? config
                : config.withBootstrapServers(bootstrapServers);
    }
}
