package io.vigie.app;

import io.vigie.app.cli.AnalyzeCommand;
import io.vigie.app.cli.EnvironmentSource;
import io.vigie.app.cli.EvidenceCommand;
import io.vigie.app.cli.ExitCodes;
import io.vigie.app.cli.IngestCommand;
import io.vigie.app.cli.RunCommand;
import io.vigie.app.cli.TopicsCommand;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code vigie} command. Exit codes ({@link ExitCodes}): 0 success, 1 runtime failure, 2 usage or configuration
 * error, 3 a follower fenced by another one ({@code ingest --follow}), 4 the machine or the cluster prevents the start
 * (data directory unusable or full, Kafka unreachable, a port taken).
 */
@Command(
        name = "vigie",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Streaming detection engine for the hospital SOC (mail flow, queues, alerts).",
        subcommands = {
            RunCommand.class,
            IngestCommand.class,
            AnalyzeCommand.class,
            TopicsCommand.class,
            EvidenceCommand.class
        })
public final class Main implements Callable<Integer>, EnvironmentSource {

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    /** Reads configuration overrides from the process environment. */
    public Main() {
        this(System.getenv());
    }

    /** Reads configuration overrides from {@code environment} instead of the process's (tests). */
    public Main(final Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** The environment the configuration is read from. */
    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigie: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            final String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"vigie " + (v == null ? "(development build)" : v)};
        }
    }
}
