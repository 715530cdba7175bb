package io.vigie.app.cli;

import io.vigie.app.config.InvalidConfigException;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.startup.StartupException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Common frame of the subcommands: loads the configuration, runs the command, and turns failures into
 * an exit code and a one-line message on picocli's error writer rather than a stack trace.
 */
public abstract class VigieCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(VigieCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    /**
     * Runs the command.
     *
     * @return the exit code
     */
    protected abstract int execute(VigieConfig config) throws Exception;

    @Override
    public final Integer call() {
        final String name = spec.qualifiedName(" ");
        try {
            return execute(configOptions.load(environment()));
        } catch (final InvalidConfigException e) {
            err().println(name + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (final ParameterException e) {
            throw e;
        } catch (final StartupException e) {
            // The message names the cause (directory, servers, port); the stack trace is for debugging only.
            LOG.debug("{} could not start", name, e);
            err().println(name + ": " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println(name + ": interrupted");
            return ExitCodes.FAILURE;
        } catch (final IllegalStateException
                | UnsupportedOperationException
                | UncheckedIOException
                | IOException
                | KafkaException e) {
            // Operational failures (cluster unreachable, file unreadable): the message says it all.
            LOG.debug("{} failed", name, e);
            err().println(name + ": " + describe(e));
            return ExitCodes.FAILURE;
        } catch (final Exception e) {
            LOG.error("{} failed", name, e);
            err().println(name + ": " + describe(e));
            return ExitCodes.FAILURE;
        }
    }

    /** Where command output goes (stdout, or what a test installed). */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where error messages go (stderr, or what a test installed). */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected final CommandSpec spec() {
        return spec;
    }

    /** The environment of the root command, so that tests can inject one. */
    protected final Map<String, String> environment() {
        final Object root = spec.root().userObject();
        return root instanceof EnvironmentSource source ? source.environment() : System.getenv();
    }

    private static String describe(final Throwable e) {
        final StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            final String m = cause.getMessage();
            if (m != null && !sb.toString().contains(m)) {
                sb.append(": ").append(m);
            }
            cause = cause.getCause();
        }
        return sb.toString();
    }
}
