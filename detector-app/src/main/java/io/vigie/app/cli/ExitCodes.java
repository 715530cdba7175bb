package io.vigie.app.cli;

import picocli.CommandLine;

/** The exit codes of the {@code vigie} commands, for scripts and for systemd's restart policy. */
public final class ExitCodes {

    /** A runtime failure. */
    public static final int FAILURE = 1;
    /** A usage or configuration error (picocli's own for bad options). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    /** A follower fenced by another one ({@code ingest --follow}). */
    public static final int FENCED = 3;
    /**
     * A start refused by the environment ({@code StartupException}): unlike 2, the configuration may be right and a
     * restart may succeed once the disk, the cluster or the port is back; unlike 1, nothing ran.
     */
    public static final int ENVIRONMENT = 4;

    private ExitCodes() {}
}
