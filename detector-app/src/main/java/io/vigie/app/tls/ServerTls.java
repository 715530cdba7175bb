package io.vigie.app.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/** The HTTPS server's context: its key and certificate from PEM files, read again when they change. */
public final class ServerTls {

    private ServerTls() {}

    /** @throws IllegalArgumentException naming the file that cannot be used */
    public static SSLContext context(final Path certificate, final Path privateKey) {
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ReloadingKeyManager(certificate, privateKey)}, null, null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
