package io.vigie.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code deploy/ingest/vigie-follow@.service} stays in step with the command it runs. */
class FollowUnitFileTest {

    private static final Path UNIT = Path.of("..", "deploy", "ingest", "vigie-follow@.service");

    @Test
    void shouldRunACommandLineThatTheCliAccepts() throws Exception {
        final String unit = Files.readString(UNIT, StandardCharsets.UTF_8).replace("\\\n", " ");
        final String execStart =
                unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        final List<String> words = Arrays.asList(execStart
                .substring(execStart.indexOf("vigie.jar") + 10)
                .trim()
                .replace("%i", "postfix")
                .replace("%H", "mx1")
                .replace("$VIGIE_FOLLOW_FILES", "/var/log/mail.log")
                .split("\\s+"));

        final CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(words.toArray(String[]::new));

        final CommandLine.ParseResult ingest = parsed.subcommand();
        assertThat(ingest.commandSpec().name()).isEqualTo("ingest");
        assertThat(ingest.hasMatchedOption("--follow")).isTrue();
        assertThat((Object) ingest.matchedOptionValue("--name", null)).isEqualTo("mx1-postfix");
    }

    @Test
    void shouldBeHardenedAndStopCleanly() throws Exception {
        final List<String> lines = Files.readAllLines(UNIT, StandardCharsets.UTF_8);

        assertThat(lines)
                .contains(
                        "ProtectSystem=strict",
                        "ReadOnlyPaths=/var/log",
                        "NoNewPrivileges=yes",
                        "CapabilityBoundingSet=",
                        "KillSignal=SIGTERM",
                        "SuccessExitStatus=143",
                        "RestartPreventExitStatus=2 3");
        assertThat(lines).noneMatch(l -> l.startsWith("ReadWritePaths") || l.startsWith("MemoryDenyWriteExecute"));
    }
}
