package io.vigie.app.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A server's certificate chain and private key from the PEM files operators already have (the ones a web server or
 * certbot writes), as a key store for an SSL context. The key must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY});
 * RSA, EC and Ed25519 keys are read.
 */
public final class PemKeyMaterial {

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");
    static final String ALIAS = "vigie";
    static final char[] NO_PASSWORD = new char[0];

    private PemKeyMaterial() {}

    /**
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static KeyStore keyStore(final Path certificate, final Path privateKey) {
        final Certificate[] chain = certificates(certificate);
        final PrivateKey key = privateKey(privateKey);
        try {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, NO_PASSWORD, chain);
            return store;
        } catch (final IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "the key of " + privateKey + " does not go with the certificate of " + certificate + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static Certificate[] certificates(final Path file) {
        try {
            final byte[] pem = Files.readAllBytes(file);
            final List<? extends Certificate> chain = List.copyOf(
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + file);
            }
            return chain.toArray(new Certificate[0]);
        } catch (final IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificate " + file + " (PEM): " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(final Path file) {
        final String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + file + ": " + e.getMessage(), e);
        }
        final int begin = pem.indexOf(PKCS8_BEGIN);
        final int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the private key " + file + " is not an unencrypted PKCS#8 PEM key "
                    + "(BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out " + file);
        }
        final byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key " + file + " is not valid base64 PEM", e);
        }
        for (final String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (final GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException("the private key " + file + " is neither an RSA, EC nor Ed25519 key");
    }
}
