package io.vigie.app;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program a test drives (Prometheus, Chromium, rsyslog...): missing, the test is skipped on a developer's
 * machine, and fails where {@code VIGIE_REQUIRE_<X>=1} says it must run (CI, whose {@code .ci/run} installs it).
 */
public final class RequiredTool {

    private RequiredTool() {}

    /**
     * @param binary        the executable
     * @param requireEnv    the {@code VIGIE_REQUIRE_*} variable that turns a skip into a failure
     * @param debianPackage where the binary comes from, for the skip message
     * @return the binary, executable
     */
    public static Path require(final Path binary, final String requireEnv, final String debianPackage) {
        if (!Files.isExecutable(binary)) {
            missing(binary + " is missing (Debian package " + debianPackage + ")", requireEnv);
        }
        return binary;
    }

    /** Skips the test with {@code why}, or fails it when {@code requireEnv} is 1. */
    public static void missing(final String why, final String requireEnv) {
        if ("1".equals(System.getenv(requireEnv))) {
            fail(why + " and " + requireEnv + "=1");
        }
        Assumptions.abort(why);
    }
}
