package io.vigie.rules.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.model.DmarcEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.DmarcConfig;
import io.vigie.rules.config.RulesConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmarcStatisticsTest {

    private static final String DOMAIN = "chu-exemple.fr";
    private static final String DAY1 = "2026-11-20T00:00:00Z";
    private static final String DAY2 = "2026-11-21T00:00:00Z";
    private static final String RELAY = "192.0.2.10";
    private static final String NEWSLETTER = "198.51.100.7";

    @TempDir
    Path stateDir;

    private DmarcDriver driver;

    @BeforeEach
    void start() {
        driver = new DmarcDriver(
                RulesConfig.defaults()
                        .withDmarc(DmarcConfig.defaults()
                                .withProtectedDomains(List.of(DOMAIN))
                                .withKnownSenders(List.of("192.0.2.0/28"))),
                stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void oneEventPerRowWithTheReportIdentityAndDay() {
        driver.send(
                "google.xml",
                ReportXml.day("google.com", "r-1", DOMAIN, "reject", DAY1)
                        .row(RELAY, 12, "none", "pass", "pass", DOMAIN)
                        .row("203.0.113.5", 3, "reject", "fail", "fail", "labo." + DOMAIN)
                        .bytes());

        final List<DmarcEvent> events = driver.newEvents();
        assertThat(events)
                .extracting(
                        DmarcEvent::row,
                        DmarcEvent::sourceIp,
                        DmarcEvent::count,
                        DmarcEvent::dmarcPass,
                        DmarcEvent::protectedDomain)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, RELAY, 12L, true, DOMAIN),
                        org.assertj.core.groups.Tuple.tuple(1, "203.0.113.5", 3L, false, DOMAIN));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.reporterOrg()).isEqualTo("google.com");
            assertThat(e.reportId()).isEqualTo("r-1");
            assertThat(e.day()).isEqualTo(LocalDate.parse("2026-11-20"));
            assertThat(e.policy()).isEqualTo("reject");
        });
        assertThat(events.get(1).headerFrom()).isEqualTo("labo." + DOMAIN);
        assertThat(events.get(1).dkimResults())
                .singleElement()
                .satisfies(d -> assertThat(d.selector()).isEqualTo("s1"));
    }

    @Test
    void perDomainAndDayFiguresWithDispositionsAndReporters() {
        driver.send(
                "a",
                ReportXml.day("google.com", "g-1", DOMAIN, "quarantine", DAY1)
                        .row(RELAY, 10, "none", "pass", "fail", DOMAIN)
                        .row("203.0.113.5", 4, "quarantine", "fail", "fail", DOMAIN)
                        .bytes());
        driver.send(
                "b",
                ReportXml.day("Yahoo! Inc.", "y-1", DOMAIN, "quarantine", DAY1)
                        .row(RELAY, 5, "none", "fail", "pass", DOMAIN)
                        .row("203.0.113.6", 1, "reject", "fail", "fail", DOMAIN)
                        .bytes());

        final DmarcDayStats day = driver.days().get(DOMAIN + "|2026-11-20");
        assertThat(day.protectedDomain()).isTrue();
        assertThat(day.messages()).isEqualTo(20);
        assertThat(day.dmarcPass()).isEqualTo(15);
        assertThat(day.dmarcFail()).isEqualTo(5);
        assertThat(day.dkimAlignedPass()).isEqualTo(10);
        assertThat(day.spfAlignedPass()).isEqualTo(5);
        assertThat(day.dispositionNone()).isEqualTo(15);
        assertThat(day.dispositionQuarantine()).isEqualTo(4);
        assertThat(day.dispositionReject()).isEqualTo(1);
        assertThat(day.failingFromUnknown()).isEqualTo(5);
        assertThat(day.reporters()).containsExactlyInAnyOrderEntriesOf(Map.of("google.com", 14L, "Yahoo! Inc.", 6L));
        assertThat(driver.counter(
                        "dmarc-messages-total",
                        Map.of("domain", DOMAIN, "result", "fail", "disposition", "quarantine")))
                .isEqualTo(4.0);
    }

    @Test
    void theSameReportReceivedTwiceIsCountedOnceWhateverItsWrapping() {
        final ReportXml report = ReportXml.day("google.com", "dup-1", DOMAIN, "reject", DAY1)
                .row(RELAY, 7, "none", "pass", "pass", DOMAIN)
                .row("203.0.113.9", 2, "reject", "fail", "fail", DOMAIN);
        driver.send("file.xml", report.bytes());
        driver.send("file.xml.gz", report.gzip());
        driver.send("imap:INBOX/1/42", report.email());

        assertThat(driver.newEvents()).hasSize(2);
        assertThat(driver.days().get(DOMAIN + "|2026-11-20").messages()).isEqualTo(9);
        assertThat(driver.counter("dmarc-rows-total", Map.of("outcome", "duplicate")))
                .isEqualTo(4.0);
        assertThat(driver.counter("dmarc-rows-total", Map.of("outcome", "new"))).isEqualTo(2.0);
        assertThat(driver.dlq.isEmpty()).isTrue();
    }

    @Test
    void anotherReporterWithTheSameReportIdIsAnotherReport() {
        driver.send(
                "a",
                ReportXml.day("google.com", "42", DOMAIN, "reject", DAY1)
                        .row(RELAY, 7, "none", "pass", "pass", DOMAIN)
                        .bytes());
        driver.send(
                "b",
                ReportXml.day("yahoo.com", "42", DOMAIN, "reject", DAY1)
                        .row(RELAY, 7, "none", "pass", "pass", DOMAIN)
                        .bytes());

        assertThat(driver.days().get(DOMAIN + "|2026-11-20").messages()).isEqualTo(14);
    }

    /**
     * A report about days past (late, or replayed) beyond the alerts topic's 90-day retention: an alert record stamped
     * with the report's time is deleted by the broker at its next retention check, before the SIEM reads it.
     */
    @Test
    void stampsTheAlertRecordWhenItIsRaisedNotWithTheReportsDay() {
        driver.send(
                "old",
                ReportXml.day("google.com", "s-old", DOMAIN, "none", "2026-05-01T00:00:00Z")
                        .row("203.0.113.9", 20, "none", "fail", "fail", DOMAIN)
                        .bytes());

        final TestRecord<String, Alert> alert = driver.alerts.readRecord();
        assertThat(alert.value().ruleId()).isEqualTo("vigie.dmarc.domain-spoofing");
        assertThat(alert.value().vigie().observed()).containsEntry("day", "2026-05-01");
        assertThat(alert.getRecordTime()).isEqualTo(DmarcDriver.NOW);
    }

    @Test
    void spoofingFromUnknownSourcesAboveTheThresholdRaisesOneAlertListingTheSources() {
        final ReportXml report = ReportXml.day("google.com", "s-1", DOMAIN, "none", DAY1)
                .row(RELAY, 50, "none", "pass", "pass", DOMAIN)
                .row("203.0.113.5", 6, "none", "fail", "fail", DOMAIN)
                .row("203.0.113.6", 3, "none", "fail", "fail", DOMAIN);
        driver.send("a", report.bytes());
        assertThat(driver.alerts.isEmpty()).as("9 failing messages: below 10").isTrue();

        driver.send(
                "b",
                ReportXml.day("yahoo.com", "s-2", DOMAIN, "none", DAY1)
                        .row("203.0.113.7", 4, "none", "fail", "fail", DOMAIN)
                        .row("203.0.113.8", 40, "none", "fail", "fail", DOMAIN)
                        .bytes());

        final List<Alert> alerts = driver.alerts.readValuesToList();
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo("vigie.dmarc.domain-spoofing");
            assertThat(alert.entity()).isEqualTo(DOMAIN);
            assertThat(alert.vigie().level())
                    .as("p=none: spoofed mail was delivered")
                    .isEqualTo("high");
            assertThat(alert.vigie().observed())
                    .containsEntry("failing_from_unknown", 13)
                    .containsEntry("day", "2026-11-20");
            assertThat(alert.related().get("ip")).containsExactly("203.0.113.5", "203.0.113.7", "203.0.113.6");
        });
        assertThat(driver.days().get(DOMAIN + "|2026-11-20").failingFromUnknown())
                .isEqualTo(53);
        assertThat(driver.counter("dmarc-alerts-total", Map.of("rule", "vigie.dmarc.domain-spoofing")))
                .isEqualTo(1.0);
    }

    @Test
    void failingMailFromAConfiguredSenderIsNotSpoofingButAnOutage() {
        driver.send(
                "a",
                ReportXml.day("google.com", "o-1", DOMAIN, "reject", DAY1)
                        .row(RELAY, 30, "reject", "fail", "fail", DOMAIN)
                        .bytes());

        final List<Alert> alerts = driver.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::ruleId).containsExactly("vigie.dmarc.legitimate-sender-failing");
        assertThat(alerts.get(0).vigie().observed())
                .containsEntry("legitimate", "configured")
                .containsEntry("dkim_aligned", "fail")
                .containsEntry("failing_messages", 30);
        assertThat(driver.days().get(DOMAIN + "|2026-11-20").failingFromLegitimate())
                .isEqualTo(30);
    }

    @Test
    void aLearnedSenderThatStartsFailingRaisesTheOutageAlertWithTheBrokenMechanism() {
        driver.send(
                "a",
                ReportXml.day("google.com", "l-1", DOMAIN, "quarantine", DAY1)
                        .row(NEWSLETTER, 40, "none", "pass", "fail", DOMAIN)
                        .bytes());
        assertThat(driver.sources().get(DOMAIN + "|" + NEWSLETTER).legitimateSince())
                .isEqualTo(LocalDate.parse("2026-11-20"));

        driver.send(
                "b",
                ReportXml.day("google.com", "l-2", DOMAIN, "quarantine", DAY2)
                        .row(NEWSLETTER, 4, "quarantine", "fail", "fail", DOMAIN)
                        .bytes());
        assertThat(driver.alerts.isEmpty()).as("4 failing: below 5").isTrue();
        driver.send(
                "c",
                ReportXml.day("outlook.com", "l-3", DOMAIN, "quarantine", DAY2)
                        .row(NEWSLETTER, 1, "none", "fail", "pass", DOMAIN)
                        .row(NEWSLETTER, 2, "quarantine", "fail", "fail", DOMAIN)
                        .bytes());

        assertThat(driver.alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo("vigie.dmarc.legitimate-sender-failing");
            assertThat(alert.entity()).isEqualTo(DOMAIN + "|" + NEWSLETTER);
            assertThat(alert.vigie().observed())
                    .containsEntry("failing_messages", 6)
                    .containsEntry("legitimate", "learned on 2026-11-20")
                    .containsEntry("dkim_aligned", "fail")
                    .containsEntry("spf_aligned", "fail");
            assertThat(alert.message()).contains("DKIM and SPF not aligned");
        });
        assertThat(driver.sources().get(DOMAIN + "|" + NEWSLETTER).since(LocalDate.parse("2026-11-21")))
                .as("the row passing by SPF alone passed DMARC")
                .isEqualTo(new DmarcSourceStats.DayCount(1, 6));
    }

    @Test
    void aSourceThatNeverPassedIsNotLearnedAndItsFailuresCountAsSpoofing() {
        driver.send(
                "a",
                ReportXml.day("google.com", "n-1", DOMAIN, "reject", DAY1)
                        .row(NEWSLETTER, 2, "none", "pass", "pass", DOMAIN)
                        .row("203.0.113.50", 12, "reject", "fail", "fail", DOMAIN)
                        .bytes());

        assertThat(driver.sources().get(DOMAIN + "|" + NEWSLETTER).legitimate())
                .as("2 passing messages: below the 3 needed to learn")
                .isFalse();
        assertThat(driver.alerts.readValuesToList())
                .extracting(Alert::ruleId)
                .containsExactly("vigie.dmarc.domain-spoofing");
    }

    @Test
    void rowsAboutOtherDomainsAreCountedUnderTheirHeaderFromAndRaiseNothing() {
        driver.send(
                "a",
                ReportXml.day("google.com", "x-1", DOMAIN, "reject", DAY1)
                        .row("203.0.113.5", 500, "reject", "fail", "fail", "prestataire.example")
                        .bytes());

        final DmarcDayStats other = driver.days().get("prestataire.example|2026-11-20");
        assertThat(other.protectedDomain()).isFalse();
        assertThat(other.dmarcFail()).isEqualTo(500);
        assertThat(driver.alerts.isEmpty()).isTrue();
        assertThat(driver.counter(
                        "dmarc-messages-total", Map.of("domain", "other", "result", "fail", "disposition", "reject")))
                .isEqualTo(500.0);
    }

    @Test
    void withoutConfiguredDomainsThePolicyDomainOfTheReportIsProtected() {
        driver.close();
        driver = new DmarcDriver(RulesConfig.defaults(), stateDir.resolve("unconfigured"));
        driver.send(
                "a",
                ReportXml.day("google.com", "u-1", "hopital.example", "none", DAY1)
                        .row("203.0.113.5", 20, "none", "fail", "fail", "hopital.example")
                        .bytes());

        assertThat(driver.newEvents())
                .singleElement()
                .satisfies(e -> assertThat(e.protectedDomain()).isEqualTo("hopital.example"));
        assertThat(driver.alerts.readValuesToList())
                .extracting(Alert::ruleId)
                .containsExactly("vigie.dmarc.domain-spoofing");
    }

    @Test
    void hostileReportsGoToTheDeadLetterTopicAndTheNextReportIsStillCounted() {
        final String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<feedback><report_metadata><org_name>&xxe;</org_name></report_metadata></feedback>";
        driver.send("xxe.xml", xxe.getBytes(StandardCharsets.UTF_8));
        driver.send("bomb.xml.gz", ReportXml.gzip(new byte[40 * 1024 * 1024]));
        driver.send("truncated.xml", "<feedback><report_metadata><org_name>x".getBytes(StandardCharsets.UTF_8));
        driver.send(
                "good.xml",
                ReportXml.day("google.com", "after-1", DOMAIN, "reject", DAY1)
                        .row(RELAY, 3, "none", "pass", "pass", DOMAIN)
                        .bytes());

        final List<DeadLetter> letters = driver.dlq.readValuesToList();
        assertThat(letters).extracting(DeadLetter::source).containsOnly("dmarc");
        assertThat(letters).extracting(DeadLetter::reason).hasSize(3).doesNotContainNull();
        assertThat(letters.get(0).reason()).containsIgnoringCase("dtd");
        assertThat(letters.get(1).reason()).contains("decompressed size over limit");
        assertThat(letters).allSatisfy(l -> assertThat(l.topic()).isEqualTo("raw.dmarc"));
        assertThat(letters).extracting(DeadLetter::offset).containsExactly(0L, 1L, 2L);
        assertThat(driver.newEvents())
                .singleElement()
                .satisfies(e -> assertThat(e.reportId()).isEqualTo("after-1"));
    }
}
