package io.vigie.app.dmarc.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.app.config.VigieConfig;
import io.vigie.rules.config.DmarcConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImapSettingsTest {

    @TempDir
    Path dir;

    private static final ImapSettings MAILBOX =
            ImapSettings.defaults().withMailbox("imap.chu-exemple.fr", 993, "dmarc-rua", "P4ss-w0rd!");

    @Test
    void shouldHaveTheDocumentedDefaults() {
        final ImapSettings defaults = ImapSettings.defaults();
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.port()).isEqualTo(993);
        assertThat(defaults.security()).isEqualTo(ImapSettings.Security.TLS);
        assertThat(defaults.folder()).isEqualTo("INBOX");
        assertThat(defaults.archiveFolder()).isEqualTo("Vigie/Processed");
        assertThat(defaults.rejectedFolder()).isEqualTo("Vigie/Rejected");
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxMessageBytes()).isEqualTo(DmarcConfig.defaults().maxReportBytes());
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.trustStore()).isNull();
    }

    @Test
    void shouldMaskBothSecretsWhenPrinted() {
        final ImapSettings settings = MAILBOX.withTrustStore(Path.of("/etc/vigie/imap.p12"), "Tr0st-s3cret");
        assertThat(settings.toString())
                .contains(
                        "host=imap.chu-exemple.fr",
                        "username=dmarc-rua",
                        "password=****",
                        "trustStorePassword=****",
                        "trustStore=/etc/vigie/imap.p12")
                .doesNotContain("P4ss-w0rd!", "Tr0st-s3cret");
        assertThat(settings.describeServer()).isEqualTo("imaps://imap.chu-exemple.fr:993");
    }

    @Test
    void shouldRefuseAnEnabledMailboxWithoutHostUserOrPassword() {
        assertThatThrownBy(() -> ImapSettings.defaults().withMailbox(" ", 993, "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dmarc.imap host must be set when dmarc.imap is enabled");
        assertThatThrownBy(() -> ImapSettings.defaults().withMailbox("h", 993, null, "p"))
                .hasMessage("dmarc.imap username must be set when dmarc.imap is enabled");
        assertThatThrownBy(() -> ImapSettings.defaults().withMailbox("h", 993, "u", ""))
                .hasMessage("dmarc.imap password must be set when dmarc.imap is enabled");
    }

    @Test
    void shouldRefuseBadValuesWithMessagesNamingThem() {
        assertThatThrownBy(() -> ImapSettings.defaults().withMailbox("h", 0, "u", "p"))
                .hasMessage("dmarc.imap port must be between 1 and 65535, got 0");
        assertThatThrownBy(() -> MAILBOX.withMaxMessageBytes(0))
                .hasMessage("dmarc.imap max message bytes must be positive, got 0");
        assertThatThrownBy(() -> new ImapSettings(
                        true,
                        "h",
                        993,
                        ImapSettings.Security.TLS,
                        "u",
                        "p",
                        "INBOX",
                        "INBOX",
                        "Vigie/Rejected",
                        Duration.ofMinutes(5),
                        1024,
                        null,
                        null,
                        Duration.ofSeconds(30)))
                .hasMessageContaining("must differ from the folder that is read (INBOX)");
        assertThatThrownBy(() -> new ImapSettings(
                        true,
                        "h",
                        993,
                        ImapSettings.Security.TLS,
                        "u",
                        "p",
                        "INBOX",
                        "A",
                        "R",
                        Duration.ZERO,
                        1024,
                        null,
                        null,
                        Duration.ofSeconds(30)))
                .hasMessage("dmarc.imap poll interval must be positive, got PT0S");
        assertThatThrownBy(() -> new ImapSettings(
                        true,
                        "h",
                        993,
                        null,
                        "u",
                        "p",
                        "INBOX",
                        "A",
                        "R",
                        Duration.ofMinutes(5),
                        1024,
                        null,
                        null,
                        Duration.ofSeconds(30)))
                .hasMessage("dmarc.imap security must be TLS or STARTTLS");
        assertThatThrownBy(() -> MAILBOX.withTrustStore(null, "x"))
                .hasMessage("dmarc.imap trust store password is set but no trust store is");
    }

    @Test
    void shouldReadTheMailboxSectionWithTheDmarcSizeLimit() throws IOException {
        final Path file = dir.resolve("vigie.yaml");
        Files.writeString(file, """
                organisation: { internal-domains: [chu-exemple.fr] }
                dmarc:
                  protected-domains: [chu-exemple.fr, ght-exemple.fr]
                  known-senders: [192.0.2.0/28, 198.51.100.7]
                  spoofing-min-messages: 25
                  imap:
                    enabled: true
                    host: mail.chu-exemple.fr
                    username: dmarc-rua
                    folder: DMARC
                """, StandardCharsets.UTF_8);
        final VigieConfig config = VigieConfig.load(file, Map.of("VIGIE_DMARC_IMAP_PASSWORD", "rua-s3cr3t"));
        final ImapSettings imap = ImapSettings.from(config);

        assertThat(imap.enabled()).isTrue();
        assertThat(imap.port()).isEqualTo(993);
        assertThat(imap.folder()).isEqualTo("DMARC");
        assertThat(imap.password()).isEqualTo("rua-s3cr3t");
        assertThat(imap.maxMessageBytes()).isEqualTo(config.dmarc().rules().maxReportBytes());
    }

    @Test
    void shouldRefuseAPlaintextMailboxAndAnIncompleteOneNamingTheKey() {
        assertThatThrownBy(
                        () -> ImapSettings.from(VigieConfig.load(null, Map.of("VIGIE_DMARC_IMAP_SECURITY", "plain"))))
                .hasMessageContaining("dmarc.imap.security")
                .hasMessageContaining("no plaintext mode");
        assertThatThrownBy(() -> ImapSettings.from(VigieConfig.load(null, Map.of("VIGIE_DMARC_IMAP_ENABLED", "true"))))
                .hasMessageContaining("dmarc.imap")
                .hasMessageContaining("host must be set");
    }

    /**
     * The key table's defaults are the record's, the size limit included: the poller forwards what the DMARC topic
     * takes ({@code dmarc.max-report-bytes}), built from the file or in code.
     */
    @Test
    void shouldHaveTheDefaultsOfTheKeyTable() {
        final VigieConfig config = VigieConfig.load(null, Map.of());
        assertThat(ImapSettings.from(config)).isEqualTo(ImapSettings.defaults());
    }
}
