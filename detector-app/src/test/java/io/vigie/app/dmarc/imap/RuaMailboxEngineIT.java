package io.vigie.app.dmarc.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.EngineHttp;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.RequiredTool;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.dmarc.DmarcModule;
import io.vigie.app.engine.Engine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain as {@code vigie run} works with {@code dmarc.imap.enabled}: a real report e-mail lands in
 * the {@code rua} mailbox of a real Dovecot (twice, as a reporter re-sending it), the engine's poller reads
 * it over TLS, the topology counts it once, and the API and metrics show it; the mailbox keeps both
 * messages, archived.
 */
@Timeout(240)
class RuaMailboxEngineIT {

    @TempDir
    Path dir;

    @Test
    void shouldCountAReportReadFromTheMailboxOnceAndArchiveEveryCopy() throws Exception {
        RequiredTool.require(DovecotServer.DOVECOT, "VIGIE_REQUIRE_IMAP_SERVER", "dovecot-imapd");
        final byte[] report;
        try (InputStream in = getClass().getResourceAsStream("/dmarc/google-borschow.eml")) {
            report = in.readAllBytes();
        }
        try (DovecotServer dovecot =
                DovecotServer.start(Files.createDirectories(dir.resolve("dovecot")), Map.of("rua", "rua-S3cret"))) {
            final Path data = Files.createDirectories(dir.resolve("data"));
            final VigieConfig config = VigieConfig.load(
                    null,
                    LoopbackEngine.env(
                            data,
                            Map.ofEntries(
                                    Map.entry("VIGIE_ORGANISATION_TIME_ZONE", "UTC"),
                                    Map.entry("VIGIE_DMARC_IMAP_ENABLED", "true"),
                                    Map.entry("VIGIE_DMARC_IMAP_HOST", "127.0.0.1"),
                                    Map.entry("VIGIE_DMARC_IMAP_PORT", Integer.toString(dovecot.port())),
                                    Map.entry("VIGIE_DMARC_IMAP_USERNAME", "rua"),
                                    Map.entry("VIGIE_DMARC_IMAP_PASSWORD", "rua-S3cret"),
                                    Map.entry(
                                            "VIGIE_DMARC_IMAP_TRUST_STORE",
                                            dovecot.trustStore().toString()),
                                    Map.entry(
                                            "VIGIE_DMARC_IMAP_TRUST_STORE_PASSWORD",
                                            DovecotServer.TRUST_STORE_PASSWORD),
                                    Map.entry("VIGIE_DMARC_IMAP_POLL_INTERVAL", "1s"))));
            final ImapSettings mailbox = ImapSettings.from(config);
            RuaMailboxPollerIT.append(mailbox, List.of(report, report));

            try (Engine engine = DmarcModule.install(new Engine(config), config).start()) {
                final EngineHttp http = new EngineHttp(engine);
                // google.com's report for borschow.com on 2019-02-12: one message, failing, rejected
                final JsonNode summary = EngineHttp.poll(
                        () -> http.getJson("/api/dmarc/summary?domain=borschow.com&to=2019-02-12&days=1"),
                        s -> s.path("domains")
                                        .path(0)
                                        .path("totals")
                                        .path("messages")
                                        .asLong()
                                > 0,
                        Duration.ofMinutes(2),
                        "the mailbox's report never reached the statistics");
                final JsonNode totals = summary.path("domains").path(0).path("totals");
                assertThat(totals.path("fail").asLong()).isEqualTo(1);
                assertThat(totals.path("disposition").path("reject").asLong()).isEqualTo(1);
                http.awaitMetric(
                        "vigie_dmarc_imap_messages_total{application=\"vigie\",outcome=\"archived\"} 2.0",
                        Duration.ofSeconds(30));
                http.awaitMetric(
                        "vigie_dmarc_rows_total{application=\"vigie\",outcome=\"duplicate\"} 1.0",
                        Duration.ofSeconds(30));
                assertThat(http.getJson("/api/dmarc/summary?domain=borschow.com&to=2019-02-12&days=1")
                                .path("domains")
                                .path(0)
                                .path("totals")
                                .path("messages")
                                .asLong())
                        .as("the copy is not counted again")
                        .isEqualTo(1);
            }
            assertThat(RuaMailboxPollerIT.counts(mailbox))
                    .containsEntry("INBOX", 0)
                    .containsEntry("Vigie.Processed", 2);
        }
    }
}
