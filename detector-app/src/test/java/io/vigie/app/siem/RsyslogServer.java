package io.vigie.app.siem;

import io.vigie.app.LoopbackServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private rsyslog for tests: its own configuration, work directory, pid file and output, all in one
 * directory, receiving RFC 6587 syslog over TCP ({@code imtcp}) on 127.0.0.1, or RFC 5425 syslog over TLS
 * with the {@code gtls} driver (package {@code rsyslog-gnutls}) and a self-signed certificate for 127.0.0.1
 * and localhost, and writing each message's raw text ({@code %rawmsg%}, the frame's content without its
 * length) as one line of {@code received.log}. It does not touch (or need) a system rsyslog.
 */
final class RsyslogServer implements AutoCloseable {

    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    static final String TRUST_STORE_PASSWORD = "changeit";

    private final Path dir;
    private final int port;
    private final boolean tls;
    private Process process;

    private RsyslogServer(final Path dir, final int port, final boolean tls) {
        this.dir = dir;
        this.port = port;
        this.tls = tls;
    }

    /** Starts rsyslogd in {@code dir} on a free port, plain TCP. */
    static RsyslogServer start(final Path dir) throws Exception {
        final RsyslogServer server = new RsyslogServer(dir, LoopbackServers.freePort(), false);
        server.restart();
        return server;
    }

    /** Starts rsyslogd in {@code dir} on a free port, TLS only, with a new self-signed certificate. */
    static RsyslogServer startTls(final Path dir) throws Exception {
        final Path cert = dir.resolve("cert.pem");
        final Path key = dir.resolve("key.pem");
        final Path output = dir.resolve("openssl.out");
        final Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            openssl.destroyForcibly();
            throw new IllegalStateException("openssl failed:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        final Certificate certificate;
        try (InputStream in = Files.newInputStream(cert)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("rsyslog-test", certificate);
        try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        final RsyslogServer server = new RsyslogServer(dir, LoopbackServers.freePort(), true);
        server.restart();
        return server;
    }

    /** Whether rsyslog's TLS driver (package rsyslog-gnutls) is installed. */
    static boolean hasTlsDriver() {
        try (var dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.anyMatch(d -> Files.exists(d.resolve("rsyslog").resolve("lmnsd_gtls.so")))
                    || Files.exists(Path.of("/usr/lib/rsyslog/lmnsd_gtls.so"));
        } catch (final IOException e) {
            return false;
        }
    }

    /** A PKCS12 trust store (password {@link #TRUST_STORE_PASSWORD}) holding the TLS certificate. */
    Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** Starts it again, on the same port, appending to the same output. */
    void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("rsyslogd is running");
        }
        final Path work = Files.createDirectories(dir.resolve("work"));
        final Path config = dir.resolve("rsyslog.conf");
        final String tlsGlobals = tls ? """
                global(defaultNetstreamDriver="gtls" defaultNetstreamDriverCAFile="%1$s/cert.pem"
                       defaultNetstreamDriverCertFile="%1$s/cert.pem" defaultNetstreamDriverKeyFile="%1$s/key.pem")
                """.formatted(dir) : "";
        final String imtcp = tls
                ? "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\""
                        + " streamDriver.authMode=\"anon\")"
                : "module(load=\"imtcp\")";
        Files.writeString(
                config, """
                # Generated by RsyslogServer (test only): everything lives in %1$s.
                global(workDirectory="%2$s" maxMessageSize="64k")
                %5$s
                %6$s
                template(name="raw" type="string" string="%%rawmsg%%\\n")
                ruleset(name="vigie") {
                  action(type="omfile" file="%3$s" template="raw")
                }
                input(type="imtcp" address="127.0.0.1" port="%4$d" ruleset="vigie")
                """.formatted(dir, work, received(), port, tlsGlobals, imtcp), StandardCharsets.UTF_8);
        process = new ProcessBuilder(
                        RSYSLOGD.toString(),
                        "-n",
                        "-f",
                        config.toString(),
                        "-i",
                        dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("rsyslogd.out").toFile()))
                .start();
        try {
            awaitListening();
        } catch (final RuntimeException | InterruptedException e) {
            stop();
            throw e;
        }
    }

    int port() {
        return port;
    }

    Path received() {
        return dir.resolve("received.log");
    }

    /** The messages received so far, one per line. */
    List<String> messages() throws IOException {
        final Path file = received();
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** What rsyslogd printed, for failure messages. */
    String log() {
        try {
            final Path file = dir.resolve("rsyslogd.out");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (final IOException e) {
            return "(cannot read the rsyslogd output: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws InterruptedException {
        LoopbackServers.awaitListening(process, port, START_TIMEOUT, "rsyslogd", this::log);
    }

    /** SIGTERM, then waits for the process to be gone (its connections closed, its file flushed). */
    void stop() {
        if (process == null) {
            return;
        }
        LoopbackServers.stop(process, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        stop();
    }
}
