package io.vigie.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code vigie} command line in the test's JVM, with a given environment. */
public final class Cli {

    private Cli() {}

    /** @return what the command printed, standard output and error together */
    public static String run(final Map<String, String> env, final String... args) {
        final CommandLine cli = new CommandLine(new Main(new HashMap<>(env)));
        final StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        cli.execute(args);
        return out.toString();
    }
}
