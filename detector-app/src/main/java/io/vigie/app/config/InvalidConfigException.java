package io.vigie.app.config;

/**
 * The configuration cannot be used. The message names the offending key (or environment variable)
 * and where its value came from, so that an operator can fix it without reading code.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    public InvalidConfigException(final String message) {
        super(message);
    }

    public InvalidConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
