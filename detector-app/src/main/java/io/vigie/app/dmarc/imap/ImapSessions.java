package io.vigie.app.dmarc.imap;

import jakarta.mail.Session;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the Jakarta Mail session for {@link ImapSettings}: TLS always on, server certificate and name checked. */
final class ImapSessions {

    /** Per socket read; generous because a large report is fetched in one response. */
    static final int READ_TIMEOUT_MILLIS = 120_000;

    private ImapSessions() {
    }

    /** {@code imaps} for implicit TLS, {@code imap} (with STARTTLS required) otherwise. */
    static String protocol(final ImapSettings settings) {
        return settings.security() == ImapSettings.Security.TLS ? "imaps" : "imap";
    }

    static Session create(final ImapSettings settings) {
        final String protocol = protocol(settings);
        final String prefix = "mail." + protocol + ".";
        final Properties p = new Properties();
        p.put("mail.store.protocol", protocol);
        p.put(prefix + "host", settings.host());
        p.put(prefix + "port", Integer.toString(settings.port()));
        p.put(prefix + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put(prefix + "timeout", Integer.toString(READ_TIMEOUT_MILLIS));
        p.put(prefix + "ssl.checkserveridentity", "true");
        if (settings.security() == ImapSettings.Security.STARTTLS) {
            // required: without it Jakarta Mail would log in in clear when the server does not offer STARTTLS.
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        // BODY.PEEK: a message whose forwarding fails stays unread for the mail admins.
        p.put(prefix + "peek", "true");
        // One FETCH for the whole message instead of 16 KiB slices: the message is held in memory anyway.
        p.put(prefix + "partialfetch", "false");
        if (settings.trustStore() != null) {
            p.put(prefix + "ssl.socketFactory", socketFactory(settings));
        }
        return Session.getInstance(p);
    }

    /** A socket factory trusting exactly the certificates in the configured trust store. */
    private static SSLSocketFactory socketFactory(final ImapSettings settings) {
        final char[] password = settings.trustStorePassword() == null
                ? null : settings.trustStorePassword().toCharArray();
        try {
            // KeyStore.getInstance(File, char[]) recognises PKCS12 and JKS by their content.
            final KeyStore trusted = KeyStore.getInstance(settings.trustStore().toFile(), password);
            final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (final IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("dmarc.imap trust store " + settings.trustStore()
                    + " cannot be read as PKCS12 or JKS: " + e.getMessage(), e);
        }
    }
}
