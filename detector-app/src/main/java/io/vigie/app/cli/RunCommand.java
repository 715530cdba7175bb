package io.vigie.app.cli;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.dmarc.DmarcModule;
import io.vigie.app.engine.Engine;
import io.vigie.app.identity.IdentityModule;
import io.vigie.app.incident.IncidentModule;
import io.vigie.app.mail.MailApi;
import io.vigie.app.proxy.ProxyModule;
import io.vigie.app.report.ReportModule;
import io.vigie.app.siem.SiemModule;
import io.vigie.app.status.StatusModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vigie run}: the long-running detection engine. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the detection engine until stopped (SIGTERM or Ctrl-C).",
            "Starts the embedded Kafka broker when kafka.bootstrap-servers is empty, creates the topics, "
                    + "runs the Kafka Streams topology and serves /health, /metrics and the API over HTTP."
        })
public final class RunCommand extends VigieCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    private ClusterOption cluster;

    /** The modules {@code vigie run} puts on the engine: tests install the same. */
    public static Engine installModules(final Engine engine, final VigieConfig config) {
        return IdentityModule.install(SiemModule.install(
                StatusModule.install(
                        IncidentModule.install(
                                ReportModule.install(
                                        ProxyModule.install(
                                                DmarcModule.install(MailApi.install(engine), config), config),
                                        config),
                                config),
                        config),
                config));
    }

    @Override
    protected int execute(final VigieConfig config) throws InterruptedException {
        final VigieConfig effective = cluster.applyTo(config);
        final Engine engine = installModules(new Engine(effective), effective);
        final Thread hook = new Thread(engine::close, "vigie-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (engine) {
            engine.start();
            final int code = engine.awaitTermination();
            if (code != 0) {
                LOG.error("Kafka Streams stopped after an unrecoverable error; exiting with code {}", code);
            }
            return code;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException e) {
                // Already shutting down: the hook is running or has run.
            }
        }
    }
}
