package io.vigie.app.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Self-signed server certificates made by the JDK's own keytool, written as the PEM files an operator has. */
final class ServerCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private ServerCertificates() {}

    /** A key pair and self-signed certificate for 127.0.0.1 named {@code cn}, as a PKCS12 store. */
    static KeyStore make(final Path dir, final String cn)
            throws IOException, InterruptedException, GeneralSecurityException {
        final Path store = dir.resolve(cn + ".p12");
        Files.deleteIfExists(store);
        final Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=" + cn,
                        "-ext",
                        "san=ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        final KeyStore keys = KeyStore.getInstance(store.toFile(), PASSWORD);
        return keys;
    }

    /** Writes the store's certificate and key as PEM files (the key as unencrypted PKCS#8). */
    static void writePem(final KeyStore keys, final Path certificate, final Path privateKey)
            throws IOException, GeneralSecurityException {
        final Certificate cert = keys.getCertificate("server");
        final Key key = keys.getKey("server", PASSWORD);
        // Written to a side file and moved, as a renewal tool does: a reader never sees half a file.
        replace(certificate, pem("CERTIFICATE", cert.getEncoded()));
        replace(privateKey, pem("PRIVATE KEY", key.getEncoded()));
    }

    /** A trust store holding only the store's certificate. */
    static KeyStore trusting(final KeyStore keys) throws IOException, GeneralSecurityException {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        return trusted;
    }

    static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void replace(final Path target, final String content) throws IOException {
        final Path side = target.resolveSibling(target.getFileName() + ".new");
        Files.writeString(side, content, StandardCharsets.US_ASCII);
        Files.move(
                side,
                target,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
