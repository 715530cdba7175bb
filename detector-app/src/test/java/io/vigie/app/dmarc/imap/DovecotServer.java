package io.vigie.app.dmarc.imap;

import io.vigie.app.LoopbackServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A private Dovecot IMAP server for tests: its own configuration, self-signed certificate, users, maildirs,
 * runtime and log files, all in one directory, listening with implicit TLS on a free port of 127.0.0.1.
 * It does not touch (or need) a system Dovecot.
 *
 * <p>Run as root, Dovecot keeps its usual privilege separation: login processes run as the package's
 * {@code dovenull}, internal services as {@code dovecot}, and mail as {@code nobody}, because Dovecot
 * refuses to access mail as UID 0. Run as another user, it cannot switch users, so every process runs as
 * that user, and the login process is not chrooted (chroot needs root).
 */
final class DovecotServer implements AutoCloseable {

    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    static final String TRUST_STORE_PASSWORD = "changeit";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final int startTlsPort;
    private final Process process;
    private final Path trustStore;

    private DovecotServer(
            final Path dir, final int port, final int startTlsPort, final Process process, final Path trustStore) {
        this.dir = dir;
        this.port = port;
        this.startTlsPort = startTlsPort;
        this.process = process;
        this.trustStore = trustStore;
    }

    /** {@link #start(Path, Map, String)} with Dovecot's own capabilities. */
    static DovecotServer start(final Path dir, final Map<String, String> users) throws Exception {
        return start(dir, users, "");
    }

    /** {@link #start(Path, Map, String, String)} with a certificate valid for 127.0.0.1 and localhost. */
    static DovecotServer start(final Path dir, final Map<String, String> users, final String capabilities)
            throws Exception {
        return start(dir, users, capabilities, "IP:127.0.0.1,DNS:localhost");
    }

    /**
     * Starts Dovecot in {@code dir} with these users (name to password).
     *
     * @param capabilities when not empty, the IMAP capabilities announced after login (Dovecot's
     *                     {@code imap_capability}), to play a server without MOVE or UIDPLUS
     * @param altNames     the certificate's subjectAltName, e.g. {@code IP:127.0.0.1,DNS:localhost}
     * @throws IllegalStateException when it does not listen within 30 s (its log is in the message)
     */
    static DovecotServer start(
            final Path dir, final Map<String, String> users, final String capabilities, final String altNames)
            throws Exception {
        final Path base = Files.createDirectories(dir.resolve("base"));
        final Path state = Files.createDirectories(dir.resolve("state"));
        final Path mail = Files.createDirectories(dir.resolve("mail"));
        final Path cert = dir.resolve("cert.pem");
        final Path key = dir.resolve("key.pem");
        run(
                dir,
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
                "subjectAltName=" + altNames);
        final Path passwd = dir.resolve("users");
        Files.writeString(
                passwd,
                users.entrySet().stream()
                        .map(u -> u.getKey() + ":{PLAIN}" + u.getValue() + "::::::")
                        .collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.UTF_8);

        final PosixFileAttributeView owner = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        final boolean root = ((Integer) Files.getAttribute(dir, "unix:uid")) == 0;
        final String mailUser;
        final String mailGroup;
        final String privileges;
        if (root) {
            final UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            final UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
            final GroupPrincipal nobodyGroup =
                    lookup.lookupPrincipalByGroupName(groupExists("nogroup") ? "nogroup" : "nobody");
            mailUser = nobody.getName();
            mailGroup = nobodyGroup.getName();
            // The mail and auth processes run as other users: they must get through the directories (a JUnit
            // temp dir is 0700) to the passwd file and the maildirs; they need not list them.
            for (Path d = dir; d != null; d = d.getParent()) {
                final Set<PosixFilePermission> perms = Files.getPosixFilePermissions(d);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                    Files.setPosixFilePermissions(d, perms);
                }
            }
            Files.setOwner(mail, nobody);
            Files.getFileAttributeView(mail, PosixFileAttributeView.class).setGroup(nobodyGroup);
            privileges = """
                    default_internal_user = dovecot
                    default_login_user = dovenull
                    """;
        } else {
            mailUser = owner.readAttributes().owner().getName();
            mailGroup = owner.readAttributes().group().getName();
            privileges = """
                    default_internal_user = %1$s
                    default_internal_group = %2$s
                    default_login_user = %1$s
                    service imap-login {
                      chroot =
                    }
                    service anvil {
                      chroot =
                    }
                    """.formatted(mailUser, mailGroup);
        }
        final int port = LoopbackServers.freePort();
        final int startTlsPort = LoopbackServers.freePort();
        final Path config = dir.resolve("dovecot.conf");
        Files.writeString(
                config,
                """
                # Generated by DovecotServer (test only): everything lives in %1$s.
                protocols = imap
                listen = 127.0.0.1
                instance_name = vigie-test-%2$d
                base_dir = %3$s
                state_dir = %4$s
                log_path = %1$s/dovecot.log
                info_log_path = %1$s/dovecot.log
                ssl = required
                ssl_cert = <%5$s
                ssl_key = <%6$s
                disable_plaintext_auth = yes
                auth_mechanisms = plain
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN %7$s
                }
                userdb {
                  driver = static
                  args = uid=%8$s gid=%9$s home=%10$s/%%u
                }
                mail_uid = %8$s
                mail_gid = %9$s
                mail_location = maildir:~/Maildir
                %11$s
                %13$s
                service imap-login {
                  # Plain IMAP, where ssl = required allows nothing but STARTTLS before the login.
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %12$d
                  }
                  inet_listener imaps {
                    address = 127.0.0.1
                    port = %2$d
                    ssl = yes
                  }
                }
                """.formatted(
                                dir,
                                port,
                                base,
                                state,
                                cert,
                                key,
                                passwd,
                                mailUser,
                                mailGroup,
                                mail,
                                privileges,
                                startTlsPort,
                                capabilities.isEmpty() ? "" : "imap_capability = " + capabilities),
                StandardCharsets.UTF_8);
        final Process process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dovecot.out").toFile())
                .start();
        final DovecotServer server = new DovecotServer(dir, port, startTlsPort, process, trustStore(dir, cert));
        try {
            server.awaitListening();
        } catch (final RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The implicit TLS (imaps) port. */
    int port() {
        return port;
    }

    /** The plain IMAP port, where the client must STARTTLS before it may log in. */
    int startTlsPort() {
        return startTlsPort;
    }

    /** A PKCS12 trust store holding the server's self-signed certificate. */
    Path trustStore() {
        return trustStore;
    }

    /** What Dovecot logged, for failure messages. */
    String log() {
        try {
            final StringBuilder out = new StringBuilder();
            for (final String name : List.of("dovecot.out", "dovecot.log")) {
                final Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    out.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            return out.toString();
        } catch (final IOException e) {
            return "(cannot read the Dovecot log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws InterruptedException {
        LoopbackServers.awaitListening(process, port, START_TIMEOUT, "dovecot", this::log);
    }

    @Override
    public void close() {
        // SIGTERM: the master stops its children and removes its pid file.
        LoopbackServers.stop(process, Duration.ofSeconds(10));
    }

    private static Path trustStore(final Path dir, final Path cert) throws Exception {
        final Certificate certificate;
        try (InputStream in = Files.newInputStream(cert)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("dovecot-test", certificate);
        final Path file = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private static boolean groupExists(final String group) throws IOException {
        return Files.readAllLines(Path.of("/etc/group"), StandardCharsets.UTF_8).stream()
                .anyMatch(line -> line.startsWith(group + ":"));
    }

    private static void run(final Path dir, final String... command) throws IOException, InterruptedException {
        final Path output = dir.resolve(command[0] + ".out");
        final Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
    }
}
