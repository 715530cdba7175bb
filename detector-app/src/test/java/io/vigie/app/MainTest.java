package io.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(180)
class MainTest {

    @TempDir
    Path dir;

    /** Exit code and captured output of one invocation. */
    record Result(int code, String out, String err) {}

    /** {@code vigie ARGS...} in this JVM, with {@code env} as its environment. */
    static Result run(final Map<String, String> env, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Result run(final String... args) {
        return run(Map.of(), args);
    }

    @Test
    void shouldListSubcommandsInHelp() {
        final Result result = run("--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("run", "ingest", "analyze", "topics", "evidence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "analyze", "topics", "evidence"})
    void shouldPrintHelpWithConfigOptionForEachSubcommand(final String command) {
        final Result result = run(command, "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: vigie " + command).contains("--help");
        if (!"topics".equals(command)) {
            assertThat(result.out()).contains("--config");
        }
    }

    @Test
    void shouldDescribeTopicsSubcommands() {
        final Result topics = run("topics", "--help");
        assertThat(topics.out()).contains("create", "list");
        final Result create = run("topics", "create", "--help");
        assertThat(create.code()).isZero();
        assertThat(create.out()).contains("--config", "--bootstrap-servers");
    }

    @Test
    void shouldExitWithUsageCodeWithoutCommandOrWithUnknownOne() {
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("topics").code()).isEqualTo(2);
        final Result unknown = run("serve");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("serve");
    }

    @Test
    void shouldExitWithUsageCodeOnBadOptions() {
        final Result missingSource = run("ingest", "some.log");
        assertThat(missingSource.code()).isEqualTo(2);
        assertThat(missingSource.err()).contains("--source");

        final Result badSource = run("ingest", "--source", "smtp", "some.log");
        assertThat(badSource.code()).isEqualTo(2);
        assertThat(badSource.err()).contains("smtp");

        final Result missingFile = run(
                Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                "ingest",
                "--source",
                "postfix",
                dir.resolve("absent.log").toString());
        assertThat(missingFile.code()).isEqualTo(2);
        assertThat(missingFile.err()).contains("absent.log");
    }

    @Test
    void shouldExitWithUsageCodeAndOneLineMessageOnConfigurationError() {
        final Result missing = run("run", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml").doesNotContain("\tat ");

        final Result badEnv = run(Map.of("VIGIE_HTTP_PORT", "eighty"), "topics", "list");
        assertThat(badEnv.code()).isEqualTo(2);
        assertThat(badEnv.err()).contains("http.port", "VIGIE_HTTP_PORT").doesNotContain("\tat ");

        final Result unknownEnv = run(Map.of("VIGIE_HTTP_PROT", "80"), "run");
        assertThat(unknownEnv.code()).isEqualTo(2);
        assertThat(unknownEnv.err()).contains("VIGIE_HTTP_PROT");
    }

    @Test
    void shouldReadConfigFileNamedByEnvironment() throws IOException {
        final Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "mail: { top: { size: 0 } }\n", StandardCharsets.UTF_8);

        final Result result = run(Map.of("VIGIE_CONFIG", file.toString()), "topics", "list");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("mail.top.size");
    }

    @Test
    void shouldRefuseToAnalyzeVpnLogsAndPointToIngestWhenTheSourceIsAuth() {
        final Result result =
                run("analyze", "--source", "openvpn", dir.resolve("openvpn.log").toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--source openvpn is not supported", "vigie ingest --source openvpn");
    }

    @Test
    void shouldRequireSourceAndFilesForAnalyze() {
        final Result noSource = run("analyze", "mail.log");
        assertThat(noSource.code()).isEqualTo(2);
        assertThat(noSource.err()).contains("--source");
        final Result noFile = run("analyze", "--source", "postfix");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).contains("FILE");
    }
}
