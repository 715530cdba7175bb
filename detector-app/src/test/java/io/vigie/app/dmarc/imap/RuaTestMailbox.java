package io.vigie.app.dmarc.imap;

import io.vigie.app.RequiredTool;
import io.vigie.app.config.VigieConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DMARC {@code rua} mailbox on a private Dovecot ({@link DovecotServer}) for tests outside this package: the
 * {@code VIGIE_DMARC_IMAP_*} settings that point {@code vigie run} at it, and a way to deliver a report into it.
 */
public final class RuaTestMailbox implements AutoCloseable {

    private static final String USER = "rua";
    private static final String PASSWORD = "rua-S3cret";

    private final DovecotServer dovecot;
    private final Map<String, String> env;
    private final ImapSettings settings;

    private RuaTestMailbox(final DovecotServer dovecot, final Map<String, String> env, final ImapSettings settings) {
        this.dovecot = dovecot;
        this.env = env;
        this.settings = settings;
    }

    /** Skips the test where Dovecot is missing (fails where {@code VIGIE_REQUIRE_IMAP_SERVER=1}). */
    public static RuaTestMailbox start(final Path dir) throws Exception {
        RequiredTool.require(DovecotServer.DOVECOT, "VIGIE_REQUIRE_IMAP_SERVER", "dovecot-imapd");
        final DovecotServer dovecot = DovecotServer.start(Files.createDirectories(dir), Map.of(USER, PASSWORD));
        final Map<String, String> env = Map.of(
                "VIGIE_DMARC_IMAP_ENABLED",
                "true",
                "VIGIE_DMARC_IMAP_HOST",
                "127.0.0.1",
                "VIGIE_DMARC_IMAP_PORT",
                Integer.toString(dovecot.port()),
                "VIGIE_DMARC_IMAP_USERNAME",
                USER,
                "VIGIE_DMARC_IMAP_PASSWORD",
                PASSWORD,
                "VIGIE_DMARC_IMAP_TRUST_STORE",
                dovecot.trustStore().toString(),
                "VIGIE_DMARC_IMAP_TRUST_STORE_PASSWORD",
                DovecotServer.TRUST_STORE_PASSWORD,
                "VIGIE_DMARC_IMAP_POLL_INTERVAL",
                "1s");
        final Map<String, String> config = new HashMap<>(env);
        config.put("VIGIE_DATA_DIR", dir.toString());
        return new RuaTestMailbox(dovecot, env, ImapSettings.from(VigieConfig.load(null, config)));
    }

    /** The {@code VIGIE_DMARC_IMAP_*} variables of an engine reading this mailbox every second. */
    public Map<String, String> env() {
        return env;
    }

    /** Delivers google.com's aggregate report for borschow.com of 2019-02-12 (one message, failing, rejected). */
    public void deliverReport() throws Exception {
        final byte[] report;
        try (InputStream in = RuaTestMailbox.class.getResourceAsStream("/dmarc/google-borschow.eml")) {
            report = in.readAllBytes();
        }
        RuaMailboxPollerIT.append(settings, List.of(report));
    }

    /** Messages per folder: INBOX, the archive and the rejected folder (-1 for a folder not created yet). */
    public Map<String, Integer> counts() throws Exception {
        return RuaMailboxPollerIT.counts(settings);
    }

    public String log() {
        return dovecot.log();
    }

    @Override
    public void close() throws IOException {
        dovecot.close();
    }
}
