package io.vigie.app.dmarc.imap;

import io.vigie.app.tls.TrustStores;
import jakarta.mail.Session;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/** Builds the Jakarta Mail session for {@link ImapSettings}: TLS always on, server certificate and name checked. */
final class ImapSessions {

    /** Per socket read; generous because a large report is fetched in one response. */
    static final int READ_TIMEOUT_MILLIS = 120_000;

    private ImapSessions() {}

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
        p.put(
                prefix + "connectiontimeout",
                Long.toString(settings.connectTimeout().toMillis()));
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
        return TrustStores.socketFactory(
                settings.trustStore(), settings.trustStorePassword(), "dmarc.imap trust store");
    }
}
