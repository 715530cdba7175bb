package io.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

    @Test
    void shouldReturnAnExecutableThatIsThere() {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThat(RequiredTool.require(java, "VIGIE_REQUIRE_NOTHING_SUCH", "openjdk"))
                .isEqualTo(java);
    }

    @Test
    void shouldSkipTheTestNamingThePackageWhenTheExecutableIsMissingAndNotRequired() {
        assertThatThrownBy(() -> RequiredTool.require(
                        Path.of("/nonexistent/tool"), "VIGIE_REQUIRE_NOTHING_SUCH", "some-package"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("/nonexistent/tool is missing (Debian package some-package)");
    }
}
