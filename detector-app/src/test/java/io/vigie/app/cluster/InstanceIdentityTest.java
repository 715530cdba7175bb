package io.vigie.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdentityTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheSameNameAcrossStartsOfOneDataDirectory() {
        final String first = InstanceIdentity.of(dir, "vigie");
        assertThat(first).matches("vigie-[0-9a-f]{8}");
        assertThat(InstanceIdentity.of(dir, "vigie")).isEqualTo(first);
        assertThat(dir.resolve(InstanceIdentity.FILE)).hasContent(first);
        // no temporary file left behind
        assertThat(dir.toFile().list()).containsExactly(InstanceIdentity.FILE);
    }

    @Test
    void shouldGiveTwoDataDirectoriesTwoNames(@TempDir final Path other) {
        assertThat(InstanceIdentity.of(other, "vigie")).isNotEqualTo(InstanceIdentity.of(dir, "vigie"));
    }

    @Test
    void shouldKeepANameAnOperatorWroteAndRefuseOneKafkaWouldNot() throws Exception {
        Files.writeString(dir.resolve(InstanceIdentity.FILE), "vigie-site-a\n");
        assertThat(InstanceIdentity.of(dir, "vigie")).isEqualTo("vigie-site-a");

        Files.writeString(dir.resolve(InstanceIdentity.FILE), "two words");
        assertThatThrownBy(() -> InstanceIdentity.of(dir, "vigie"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(InstanceIdentity.FILE)
                .hasMessageContaining("delete it");
    }
}
