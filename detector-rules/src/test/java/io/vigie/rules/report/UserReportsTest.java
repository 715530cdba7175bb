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
import java.util.Base64;
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
    private static final byte[] EXE = "MZ\u0090\u0000\u0003\u0000\u0000\u0000 This program cannot be run in DOS mode"
            .getBytes(StandardCharsets.ISO_8859_1);

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
        driver = TestDrivers.detector(RulesConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)), stateDir, NOW);
        reports = driver.createInputTopic("raw.reports", new StringSerializer(), new ByteArraySerializer());
        proxy = driver.createInputTopic("raw.proxy", new StringSerializer(), new StringSerializer());
        analysed = driver.createOutputTopic("events.reports", new StringDeserializer(),
                UserReports.REPORT_SERDE.deserializer());
        indicators = driver.createOutputTopic("intel.indicators", new StringDeserializer(),
                IntelFeeds.INDICATOR_SERDE.deserializer());
        alerts = driver.createOutputTopic("alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
        dlq = driver.createOutputTopic("dlq", new StringDeserializer(), ParsingStep.DEAD_LETTER_SERDE.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static String phishing() {
        return "Return-Path: <bounce@mailer.example>\r\n"
                + "Authentication-Results: mx.chu-exemple.fr; spf=fail smtp.mailfrom=mailer.example; dkim=none; "
                + "dmarc=fail header.from=portail-rh.example\r\n"
                + "Received: from mailer.example (mailer.example [203.0.113.77]) by mx.chu-exemple.fr with ESMTP; "
                + "Fri, 27 Nov 2026 09:00:00 +0100\r\n"
                + "From: \"Service RH\" <rh@portail-rh.example>\r\n"
                + "Reply-To: rh.paie@gmail.com\r\nTo: a.meyer@chu-exemple.fr\r\n"
                + "Subject: Votre bulletin de paie\r\nMessage-ID: <paie-42@portail-rh.example>\r\n"
                + "Date: Fri, 27 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p>Consultez <a href=\"http://portail-rh.example/login?session=8f3e2a1c\">"
                + "https://intranet.chu-exemple.fr/paie</a></p>\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"bulletin.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"bulletin.pdf\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(EXE) + "\r\n--b--\r\n";
    }

    @Test
    void aReportedPhishingIsAnalysedAlertedAndItsIndicatorsPublished() throws Exception {
        final byte[] mail = phishing().getBytes(StandardCharsets.US_ASCII);
        reports.pipeInput("a.meyer@chu-exemple.fr", mail, NOW);

        final ReportedMail m = analysed.readValue();
        assertThat(m.reportId()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mail)));
        assertThat(m.reporter()).isEqualTo("a.meyer@chu-exemple.fr");
        assertThat(m.findings()).contains("reply-to differs from from", "spf fail", "link text shows another host");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.sniffedType()).isEqualTo("application/x-msdownload");
            assertThat(a.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(EXE)));
        });

        assertThat(alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("vigie.mail.user-report");
            assertThat(a.vigie().level()).isEqualTo("high");
            assertThat(a.entity()).isEqualTo(m.reportId());
        });
        // DMARC failed: the From is forged, so its domain is no indicator (it may be the victim's); the link and the
        // file are. The webmail Reply-To is never one.
        assertThat(indicators.readValuesToList()).extracting(Indicator::key)
                .contains("url:http://portail-rh.example/login?session=8f3e2a1c",
                        "sha256:" + m.attachments().get(0).sha256())
                .doesNotContain("host:gmail.com", "host:portail-rh.example");
    }

    @Test
    void whoClickedTheReportedLinkIsFoundByTheProxyRetroHunt() {
        proxy.pipeInput("access.log", "10.1.1.9 - jdoe [28/Nov/2026:10:00:00 +0000] \"GET http://portail-rh.example/"
                + "login?session=8f3e2a1c HTTP/1.1\" 200 1234 \"-\" \"Mozilla/5.0\" TCP_MISS:HIER_DIRECT", NOW);
        reports.pipeInput("a.meyer@chu-exemple.fr", phishing().getBytes(StandardCharsets.US_ASCII), NOW);

        assertThat(alerts.readValuesToList()).filteredOn(a -> a.ruleId().equals("vigie.proxy.retro-hunt"))
                .extracting(a -> a.source().get("ip")).containsExactly("10.1.1.9");
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
