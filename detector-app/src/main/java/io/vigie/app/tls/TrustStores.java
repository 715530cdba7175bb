package io.vigie.app.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS clients that trust exactly the certificates of an operator's trust store (a hospital's own CA). */
public final class TrustStores {

    private TrustStores() {}

    /**
     * @param trustStore a PKCS12 or JKS file (recognised by its content)
     * @param password   its password, null when it has none
     * @param setting    the configuration key, for the error message
     * @throws IllegalArgumentException naming the setting when the file cannot be read
     */
    public static SSLSocketFactory socketFactory(final Path trustStore, final String password, final String setting) {
        try {
            final KeyStore trusted =
                    KeyStore.getInstance(trustStore.toFile(), password == null ? null : password.toCharArray());
            final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (final IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    setting + " " + trustStore + " cannot be read as PKCS12 or JKS: " + e.getMessage(), e);
        }
    }
}
