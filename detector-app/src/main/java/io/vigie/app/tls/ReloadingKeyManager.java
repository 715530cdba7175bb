package io.vigie.app.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's key and certificate from PEM files, read again when either file changes: a certificate renewed by
 * certbot or the hospital's PKI is served from the next connection on, without a restart. The files are checked at
 * each handshake (a file's size and time, no read when unchanged); a renewal that cannot be read (half written, a key
 * that does not match) keeps the previous pair and is logged, and read again at the next change.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

    private final Path certificate;
    private final Path privateKey;
    private volatile Loaded current;

    /** A key manager and the state of the files it was read from. */
    private record Loaded(X509KeyManager manager, List<Object> stamp) {}

    /** @throws IllegalArgumentException when the files cannot be read now (at start-up: a clear error) */
    public ReloadingKeyManager(final Path certificate, final Path privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.current = load(stamp());
    }

    private List<Object> stamp() {
        try {
            return List.of(
                    Files.getLastModifiedTime(certificate),
                    Files.size(certificate),
                    Files.getLastModifiedTime(privateKey),
                    Files.size(privateKey));
        } catch (final IOException e) {
            return List.of();
        }
    }

    private Loaded load(final List<Object> stamp) {
        final KeyStore store = PemKeyMaterial.keyStore(certificate, privateKey);
        try {
            final KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PemKeyMaterial.NO_PASSWORD);
            return new Loaded((X509KeyManager) factory.getKeyManagers()[0], stamp);
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key of " + privateKey + ": " + e.getMessage(), e);
        }
    }

    private X509KeyManager manager() {
        final Loaded loaded = current;
        final List<Object> now = stamp();
        if (now.isEmpty() || now.equals(loaded.stamp())) {
            return loaded.manager();
        }
        synchronized (this) {
            if (!now.equals(current.stamp())) {
                try {
                    current = load(now);
                    LOG.info("HTTPS certificate {} read again after a change", certificate);
                } catch (final IllegalArgumentException e) {
                    LOG.error(
                            "HTTPS certificate {} changed but cannot be used, the previous one is kept: {}",
                            certificate,
                            e.getMessage());
                    current = new Loaded(current.manager(), now);
                }
            }
            return current.manager();
        }
    }

    @Override
    public String[] getClientAliases(final String keyType, final Principal[] issuers) {
        return manager().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(final String[] keyType, final Principal[] issuers, final Socket socket) {
        return manager().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(final String keyType, final Principal[] issuers) {
        return manager().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket) {
        return manager().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(final String keyType, final Principal[] issuers, final SSLEngine engine) {
        final X509KeyManager manager = manager();
        return manager instanceof X509ExtendedKeyManager extended
                ? extended.chooseEngineServerAlias(keyType, issuers, engine)
                : manager.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(final String alias) {
        return current.manager().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(final String alias) {
        return current.manager().getPrivateKey(alias);
    }
}
