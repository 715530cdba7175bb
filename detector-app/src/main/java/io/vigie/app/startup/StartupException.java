package io.vigie.app.startup;

/**
 * The machine or the cluster prevents the engine from starting: the data directory cannot be written or is full,
 * Kafka cannot be reached, a port is taken. The message is one line that names the cause and what it concerns (the
 * directory, the servers, the port), never a credential; nothing was left half-written. Exit code
 * {@code ExitCodes.ENVIRONMENT}.
 */
public final class StartupException extends IllegalStateException {

    public StartupException(final String message) {
        super(message);
    }

    public StartupException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
