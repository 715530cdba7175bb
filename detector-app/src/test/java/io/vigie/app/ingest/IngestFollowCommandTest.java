package io.vigie.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code vigie ingest --follow} through the real command line: what it refuses before it connects anywhere. Following
 * against a broker is {@link IngestFollowCommandIT}.
 */
@Timeout(180)
class IngestFollowCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"postqueue", "dmarc", "eml", "urlhaus", "indicators"})
    void shouldRefuseFollowForWholeFileSources(final String source) {
        final StringWriter out = new StringWriter();
        final int code = execute(
                Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                out,
                "ingest",
                "--follow",
                "--source",
                source,
                dir.resolve("x").toString());

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("--follow reads line logs", "not " + source);
    }

    @Test
    void shouldRefuseBadFollowArguments() throws IOException {
        final Map<String, String> env = Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        final StringWriter poll = new StringWriter();
        assertThat(execute(
                        env,
                        poll,
                        "ingest",
                        "--follow",
                        "--source",
                        "postfix",
                        "--poll-interval",
                        "soon",
                        dir.resolve("mail.log").toString()))
                .isEqualTo(2);
        assertThat(poll.toString()).contains("--poll-interval 'soon'");

        final StringWriter badName = new StringWriter();
        assertThat(execute(
                        env,
                        badName,
                        "ingest",
                        "--follow",
                        "--source",
                        "postfix",
                        "--name",
                        "a b",
                        dir.resolve("mail.log").toString()))
                .isEqualTo(2);
        assertThat(badName.toString()).contains("--name 'a b'");

        final Path gz = dir.resolve("mail.log.1");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("old\n".getBytes(StandardCharsets.UTF_8));
        }
        final StringWriter gzip = new StringWriter();
        assertThat(execute(env, gzip, "ingest", "--follow", "--source", "postfix", gz.toString()))
                .isEqualTo(2);
        assertThat(gzip.toString()).contains("gzip");
    }

    @Test
    void shouldNotStartItsOwnEmbeddedBrokerWhenNoneIsRunning() throws IOException {
        final int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        final StringWriter out = new StringWriter();
        final int code = execute(
                Map.of(
                        "VIGIE_KAFKA_EMBEDDED_LISTENER",
                        "127.0.0.1:" + port,
                        "VIGIE_DATA_DIR",
                        dir.resolve("var").toString()),
                out,
                "ingest",
                "--follow",
                "--source",
                "postfix",
                dir.resolve("mail.log").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("no embedded broker listening at 127.0.0.1:" + port, "start vigie run first");
        assertThat(dir.resolve("var")).doesNotExist();
    }

    @Test
    void shouldDescribeFollowInHelp() {
        final StringWriter out = new StringWriter();
        assertThat(execute(Map.of(), out, "ingest", "--help")).isZero();
        assertThat(out.toString()).contains("--follow", "--name", "--poll-interval", "--positions-topic", "SIGTERM");
    }

    /** {@code vigie ARGS...} in this JVM, with {@code env} as its environment; its output goes to {@code out}. */
    static int execute(final Map<String, String> env, final StringWriter out, final String... args) {
        final CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
