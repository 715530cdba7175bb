package io.vigie.rules.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.model.Indicator;
import io.vigie.core.model.ReportedMail;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.dlq.ParsingStep;
import io.vigie.rules.intel.IntelFeeds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    /** A PE file's first bytes: what a disguised executable starts with. */
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> reports;
    private TestInputTopic<String, String> proxy;
    private TestOutputTopic<String, ReportedMail> analysed;
    private TestOutputTopic<String, Indicator> indicators;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, DeadLetter> dlq;

    @BeforeEach
    void start() {
        driver =
                TestDrivers.detector(RulesConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)), stateDir, NOW);
        reports = driver.createInputTopic("raw.reports", new StringSerializer(), new ByteArraySerializer());
        proxy = driver.createInputTopic("raw.proxy", new StringSerializer(), new StringSerializer());
        analysed = driver.createOutputTopic(
                "events.reports", new StringDeserializer(), UserReports.REPORT_SERDE.deserializer());
        indicators = driver.createOutputTopic(
                "intel.indicators", new StringDeserializer(), IntelFeeds.INDICATOR_SERDE.deserializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
        dlq = driver.createOutputTopic("dlq", new StringDeserializer(), ParsingStep.DEAD_LETTER_SERDE.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aReportedPhishingIsAnalysedAlertedAndItsIndicatorsPublished() throws Exception {
        final byte[] mail = PayslipPhishing.mail().getBytes(StandardCharsets.US_ASCII);
        reports.pipeInput("a.meyer@chu-exemple.fr", mail, NOW);

        final ReportedMail m = analysed.readValue();
        assertThat(m.reportId())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(mail)));
        assertThat(m.reporter()).isEqualTo("a.meyer@chu-exemple.fr");
        assertThat(m.findings()).contains("reply-to differs from from", "spf fail", "link text shows another host");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.sniffedType()).isEqualTo("application/x-msdownload");
            assertThat(a.sha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(PayslipPhishing.EXE)));
        });

        assertThat(alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("vigie.mail.user-report");
            assertThat(a.vigie().level()).isEqualTo("high");
            assertThat(a.entity()).isEqualTo(m.reportId());
        });
        // DMARC failed: the From is forged, so its domain is no indicator (it may be the victim's); the link and the
        // file are. The webmail Reply-To is never one.
        assertThat(indicators.readValuesToList())
                .extracting(Indicator::key)
                .contains(
                        "url:http://portail-rh.example/login?session=8f3e2a1c",
                        "sha256:" + m.attachments().get(0).sha256())
                .doesNotContain("host:gmail.com", "host:portail-rh.example");
    }

    @Test
    void whoClickedTheReportedLinkIsFoundByTheProxyRetroHunt() {
        proxy.pipeInput(
                "access.log",
                "10.1.1.9 - jdoe [28/Nov/2026:10:00:00 +0000] \"GET http://portail-rh.example/"
                        + "login?session=8f3e2a1c HTTP/1.1\" 200 1234 \"-\" \"Mozilla/5.0\" TCP_MISS:HIER_DIRECT",
                NOW);
        reports.pipeInput("a.meyer@chu-exemple.fr", PayslipPhishing.mail().getBytes(StandardCharsets.US_ASCII), NOW);

        assertThat(alerts.readValuesToList())
                .filteredOn(a -> a.ruleId().equals("vigie.proxy.retro-hunt"))
                .extracting(a -> a.source().get("ip"))
                .containsExactly("10.1.1.9");
    }

    @Test
    void whatIsNotAMailGoesToTheDeadLetterTopic() {
        reports.pipeInput("x", "this is not a mail".getBytes(StandardCharsets.US_ASCII), NOW);
        assertThat(dlq.readValuesToList()).singleElement().satisfies(l -> {
            assertThat(l.source()).isEqualTo("report");
            assertThat(l.topic()).isEqualTo("raw.reports");
        });
        assertThat(analysed.isEmpty()).isTrue();
        assertThat(alerts.isEmpty()).isTrue();
    }
}
