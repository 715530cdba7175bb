package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** Test helpers: the copied samples in {@code samples/proxy-vendors}, and unwrapping of results. */
final class Samples {

    private Samples() {}

    static List<String> lines(final String name) {
        try (InputStream in =
                Objects.requireNonNull(Samples.class.getResourceAsStream("/samples/proxy-vendors/" + name), name)) {
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.of(text.split("\n"));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The access event, failing the test with the reason when the line was not one. */
    static ProxyEvent event(final ParseResult<ProxyLine> result) {
        if (!result.isOk()) {
            throw new AssertionError("not parsed: " + result.error().reason());
        }
        if (!result.value().isAccess()) {
            throw new AssertionError("ignored: " + result.value().ignoredBecause());
        }
        return result.value().event();
    }

    /** The reason a line was ignored, failing the test when it was an access or a failure. */
    static String ignored(final ParseResult<ProxyLine> result) {
        if (!result.isOk()) {
            throw new AssertionError("not parsed: " + result.error().reason());
        }
        if (result.value().isAccess()) {
            throw new AssertionError("an access record: " + result.value().event());
        }
        return result.value().ignoredBecause();
    }
}
