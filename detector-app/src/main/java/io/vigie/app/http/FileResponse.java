package io.vigie.app.http;

import java.nio.file.Path;

/**
 * The answer of a download route: a file sent whole as an attachment (and deleted once sent when it is a temporary
 * one), or a JSON refusal. A route prepares the whole file before answering, so that a failure is still an error
 * status and not a truncated download.
 *
 * @param refusal     the JSON answer when there is no file (404, 503...), else null
 * @param file        the file to send
 * @param contentType its media type
 * @param fileName    the name the browser saves it under (letters, digits, {@code .-_} only)
 * @param temporary   whether to delete the file once sent
 */
public record FileResponse(JsonResponse refusal, Path file, String contentType, String fileName, boolean temporary) {

    public FileResponse {
        if (refusal == null && (file == null || !fileName.matches("[A-Za-z0-9._-]{1,100}"))) {
            throw new IllegalArgumentException("a download needs a file and a plain file name");
        }
    }

    public static FileResponse refused(final JsonResponse refusal) {
        return new FileResponse(refusal, null, null, null, false);
    }

    public static FileResponse temporary(final Path file, final String contentType, final String fileName) {
        return new FileResponse(null, file, contentType, fileName, true);
    }
}
