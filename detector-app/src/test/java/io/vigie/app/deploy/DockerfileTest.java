package io.vigie.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.config.VigieConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What can be checked of the image without a Docker engine (DockerImageIT runs its command line). */
class DockerfileTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void shouldCopyEveryModuleOfTheReactorIntoTheBuildStage() throws IOException {
        final Dockerfile dockerfile = Dockerfile.read();
        final List<String> copied = dockerfile.all("COPY").stream()
                .map(Dockerfile.Instruction::arguments)
                .filter(arguments -> !arguments.startsWith("--"))
                .map(arguments -> arguments.split("\\s+")[0])
                .toList();
        final Matcher modules = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8));
        int count = 0;
        while (modules.find()) {
            assertThat(copied).as("COPY of module %s", modules.group(1)).contains(modules.group(1));
            count++;
        }
        assertThat(count).isEqualTo(3);
        assertThat(copied).contains("pom.xml");
        final List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8);
        assertThat(ignored)
                .as("the build context keeps the sources")
                .doesNotContain("detector-core", "detector-rules", "detector-app", "pom.xml", "deploy/docker", "**");
        assertThat(ignored).as("no local build output in the context").contains("**/target");
    }

    @Test
    void shouldRunAsNonRootWithTheStateVolumeAndTheConfigWhereTheCommandLooksForIt() throws IOException {
        final Dockerfile dockerfile = Dockerfile.read();
        final List<Dockerfile.Instruction> image = dockerfile.finalStage();
        assertThat(image.get(0).arguments()).startsWith("eclipse-temurin:17-jre");
        assertThat(dockerfile.instructions().get(0).arguments())
                .startsWith("maven:3")
                .contains("eclipse-temurin-17");
        final String user = last(image, "USER");
        assertThat(user).doesNotStartWith("0").doesNotStartWith("root");
        assertThat(last(image, "VOLUME")).contains("/var/lib/vigie");
        assertThat(dockerfile.execForm("ENTRYPOINT")).startsWith("java").endsWith("-jar", Dockerfile.JAR_IN_IMAGE);
        assertThat(dockerfile.execForm("CMD")).containsExactly("run", "--config", "/etc/vigie/vigie.yaml");

        final String configSource =
                dockerfile.contextSourceOf("/etc/vigie/vigie.yaml").orElseThrow();
        // the image listens on every interface, so it needs the read token from the environment
        final VigieConfig config = VigieConfig.load(ROOT.resolve(configSource), Map.of("VIGIE_HTTP_READ_TOKEN", "t"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/vigie"));
        assertThat(config.kafka().embedded()).as("one container, broker inside").isTrue();
        assertThat(last(image, "EXPOSE").split("\\s+"))
                .contains(
                        Integer.toString(config.http().port()),
                        Integer.toString(config.kafka().embeddedPort()));
        assertThat(String.join(" ", dockerfile.healthCheckCommand()))
                .contains("127.0.0.1/" + config.http().port())
                .contains("/health");
    }

    private static String last(final List<Dockerfile.Instruction> instructions, final String keyword) {
        return instructions.stream()
                .filter(i -> i.keyword().equals(keyword))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + keyword))
                .arguments();
    }
}
