package io.vigie.app.http;

/**
 * Thrown by a route handler when a query parameter is missing or malformed. The server answers 400
 * with the message as the reason, so the message must be safe to show to the caller.
 */
public final class BadRequestException extends IllegalArgumentException {

    public BadRequestException(final String reason) {
        super(reason);
    }
}
