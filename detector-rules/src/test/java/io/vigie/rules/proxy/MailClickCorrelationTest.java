package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailClickCorrelationTest {

    private static final String RULE = "vigie.correlation.mail-click";
    private static final String ALICE = "alice@" + CorrelationDriver.DOMAIN;

    @TempDir
    Path stateDir;

    @TempDir
    Path otherStateDir;

    private static List<Alert> clicks(final CorrelationDriver driver) {
        return driver.alerts().stream().filter(a -> a.ruleId().equals(RULE)).toList();
    }

    @Test
    void shouldAlertOnceWhenARecipientsProxyUserReachesTheMailsHostAfterDelivery() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            final Alert report = driver.userReport(
                    "2026-11-28T09:30:00Z",
                    ALICE,
                    "2026-11-28T09:00:00Z",
                    "login-chu.example",
                    "cdn.login-chu.example");
            driver.request("2026-11-28T10:15:00Z", "10.1.2.3", "CHU\\alice", "http://Login-CHU.example/portail");
            driver.request("2026-11-28T10:16:00Z", "10.1.2.3", "CHU\\alice", "http://login-chu.example/again");

            assertThat(clicks(driver)).singleElement().satisfies(a -> {
                assertThat(a.vigie().entity()).isEqualTo("alice|login-chu.example");
                assertThat(a.vigie().level()).isEqualTo("high");
                assertThat(a.timestamp()).hasToString("2026-11-28T10:15:00Z");
                assertThat(a.user()).containsEntry("name", "alice");
                assertThat(a.source()).containsEntry("ip", "10.1.2.3");
                assertThat(a.related())
                        .containsEntry("user", List.of("alice"))
                        .containsEntry("ip", List.of("10.1.2.3"))
                        .containsEntry("hosts", List.of("login-chu.example"));
                assertThat(a.vigie().observed())
                        .containsEntry("mail_alert_id", report.event().id())
                        .containsEntry("mail_rule", "vigie.mail.user-report")
                        .containsEntry("delivered", "2026-11-28T09:00:00Z")
                        .containsEntry("clicked", "2026-11-28T10:15:00Z")
                        .containsEntry("url", "http://Login-CHU.example/portail")
                        .containsEntry("identified_by", "proxy-user");
            });
        }
    }

    @Test
    void shouldKnowTheClickerByWhoUsedTheClientAddressWhenTheProxyNamesNobody() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            // bob's authenticated request ties 10.1.2.4 to bob (identities); the click itself is anonymous
            driver.request("2026-11-28T08:00:00Z", "10.1.2.4", "bob", "http://intranet.example/");
            driver.campaign(
                    "2026-11-28T09:00:00Z",
                    List.of("bob@" + CorrelationDriver.DOMAIN, "external@gmail.com"),
                    "factures-en-ligne.example");
            driver.request("2026-11-28T09:40:00Z", "10.1.2.4", "-", "http://factures-en-ligne.example/f.zip");

            assertThat(clicks(driver)).singleElement().satisfies(a -> {
                assertThat(a.vigie().entity()).isEqualTo("bob|factures-en-ligne.example");
                assertThat(a.user()).containsEntry("name", "bob");
                assertThat(a.source()).containsEntry("ip", "10.1.2.4");
                assertThat(a.vigie().observed())
                        .containsEntry("identified_by", "identity")
                        .containsEntry("delivered", "2026-11-28T09:00:00Z")
                        .doesNotContainKey("proxy_user");
            });
        }
    }

    @Test
    void shouldGiveTheSameAlertWhenTheLureArrivesAfterTheClick() {
        final Alert lureFirst;
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            driver.userReport("2026-11-28T09:30:00Z", ALICE, "2026-11-28T09:00:00Z", "login-chu.example");
            driver.request("2026-11-28T10:15:00Z", "10.1.2.3", "CHU\\alice", "http://login-chu.example/portail");
            lureFirst = clicks(driver).get(0);
        }
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), otherStateDir)) {
            driver.request("2026-11-28T10:15:00Z", "10.1.2.3", "CHU\\alice", "http://login-chu.example/portail");
            assertThat(clicks(driver)).isEmpty();
            final Alert report =
                    driver.userReport("2026-11-28T11:30:00Z", ALICE, "2026-11-28T09:00:00Z", "login-chu.example");

            assertThat(clicks(driver)).singleElement().satisfies(a -> {
                assertThat(a.event().id())
                        .as("same id whichever came first")
                        .isEqualTo(lureFirst.event().id());
                assertThat(a.vigie().entity()).isEqualTo("alice|login-chu.example");
                assertThat(a.source()).containsEntry("ip", "10.1.2.3");
                assertThat(a.vigie().observed())
                        .containsEntry("mail_alert_id", report.event().id())
                        .containsEntry("clicked", "2026-11-28T10:15:00Z")
                        .doesNotContainKey("url");
            });
            // alerted once: a later click raises nothing more
            driver.request("2026-11-28T12:00:00Z", "10.1.2.3", "CHU\\alice", "http://login-chu.example/portail");
            assertThat(clicks(driver)).isEmpty();
        }
    }

    @Test
    void shouldNotAlertOnAClickBeforeTheDeliveryInEitherOrder() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            driver.request("2026-11-28T08:00:00Z", "10.1.2.3", "CHU\\alice", "http://login-chu.example/");
            driver.userReport("2026-11-28T09:30:00Z", ALICE, "2026-11-28T09:00:00Z", "login-chu.example");
            driver.request("2026-11-28T08:30:00Z", "10.1.2.3", "CHU\\alice", "http://login-chu.example/late-line");

            assertThat(clicks(driver)).isEmpty();
        }
    }

    @Test
    void shouldNotAlertOnSomeoneWhoDidNotReceiveTheMail() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            driver.request("2026-11-28T09:10:00Z", "10.1.2.5", "carol", "http://login-chu.example/");
            driver.userReport("2026-11-28T09:30:00Z", ALICE, "2026-11-28T09:00:00Z", "login-chu.example");
            driver.request("2026-11-28T10:00:00Z", "10.1.2.6", "CHU\\dave", "http://login-chu.example/");

            assertThat(clicks(driver)).isEmpty();
        }
    }

    @Test
    void shouldIgnoreTheOrganisationsOwnHosts() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            driver.userReport(
                    "2026-11-28T09:30:00Z", ALICE, "2026-11-28T09:00:00Z", "webmail." + CorrelationDriver.DOMAIN);
            driver.request(
                    "2026-11-28T10:00:00Z",
                    "10.1.2.3",
                    "alice",
                    "https://webmail." + CorrelationDriver.DOMAIN + "/owa");

            assertThat(clicks(driver)).isEmpty();
        }
    }

    @Test
    void shouldNotCorrelateAClickLaterThanTheLureRetention() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            driver.userReport("2026-11-20T09:30:00Z", ALICE, "2026-11-20T09:00:00Z", "login-chu.example");
            driver.request("2026-11-28T10:00:00Z", "10.1.2.3", "alice", "http://login-chu.example/");

            assertThat(clicks(driver)).isEmpty();
        }
    }
}
