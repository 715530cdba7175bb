package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PossibleC2CorrelationTest {

    private static final String INFECTED = "10.1.3.7";

    @TempDir
    Path stateDir;

    /** The infected machine's morning: a rare host near the detection, a popular one, a rare one hours before. */
    private static void morning(final CorrelationDriver driver) {
        driver.request("2026-11-28T09:00:00Z", "10.1.3.8", "-", "http://update-check.example/ping");
        driver.request("2026-11-28T10:20:00Z", INFECTED, "-", "http://update-check.example/beacon?id=42");
        for (int i = 1; i <= 4; i++) {
            driver.request("2026-11-28T10:0" + i + ":00Z", "10.1.4." + i, "-", "http://www.popular.example/");
        }
        driver.request("2026-11-28T10:25:00Z", INFECTED, "-", "http://www.popular.example/news");
        driver.request("2026-11-28T07:00:00Z", INFECTED, "-", "http://early-rare.example/");
        driver.alerts();
    }

    @Test
    void shouldPublishTheMachinesRareDestinationsAroundTheDetectionAsIndicators() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            morning(driver);
            final Alert av = driver.av("2026-11-28T10:30:00Z", INFECTED, "PC-0042");

            final List<Indicator> published = driver.indicators();
            assertThat(published)
                    .as("not the popular host, nor the one hours before")
                    .singleElement()
                    .satisfies(i -> {
                        assertThat(i.key()).isEqualTo("host:update-check.example");
                        assertThat(i.source()).isEqualTo("av-correlation");
                        assertThat(i.reference()).isEqualTo(av.event().id());
                        assertThat(i.seenBy()).isEqualTo(INFECTED);
                        assertThat(i.added()).hasToString("2026-11-28T10:30:00Z");
                        assertThat(i.tags()).containsExactly("av-correlation", "Win.Trojan.Agent");
                    });
            // the retro-hunt takes it from there: the other client that went there before, not the infected one
            assertThat(driver.alerts()).singleElement().satisfies(a -> {
                assertThat(a.ruleId()).isEqualTo("vigie.proxy.retro-hunt");
                assertThat(a.source()).containsEntry("ip", "10.1.3.8");
            });
        }
    }

    @Test
    void shouldFindTheMachineByItsHostNameWhenTheAlertHasNoAddressAndLeaveOutAnUnknownOne() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            driver.avRecord("2026-11-28T08:00:00Z", "PC-GGARNIER", INFECTED, "ggarnier");
            morning(driver);
            final Alert named = driver.avOnHost("2026-11-28T10:30:00Z", "pc-ggarnier.chu.local");
            final Alert unknown = driver.avOnHost("2026-11-28T10:31:00Z", "PC-NOBODY");

            final List<Indicator> published = driver.indicators();
            assertThat(published)
                    .filteredOn(i -> named.event().id().equals(i.reference()))
                    .singleElement()
                    .satisfies(i -> {
                        assertThat(i.key()).isEqualTo("host:update-check.example");
                        assertThat(i.seenBy()).isEqualTo(INFECTED);
                    });
            assertThat(published).noneMatch(i -> unknown.event().id().equals(i.reference()));
        }
    }

    @Test
    void shouldNotPublishWhenRarityIsSetBelowTheHostsClients() {
        final RulesConfig strict = RulesConfig.defaults()
                .withProxy(RulesConfig.defaults()
                        .proxy()
                        .withCorrelation(new io.vigie.rules.config.CorrelationConfig(
                                java.time.Duration.ofDays(7), 10, java.time.Duration.ofHours(1), 1)));
        try (CorrelationDriver driver = new CorrelationDriver(strict, stateDir)) {
            morning(driver);
            driver.av("2026-11-28T10:30:00Z", INFECTED, "PC-0042");

            assertThat(driver.indicators())
                    .as("update-check.example has two clients")
                    .isEmpty();
        }
    }

    @Test
    void shouldNotPublishWhatTheMachineReachedOutsideTheWindow() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            morning(driver);
            driver.av("2026-11-28T14:00:00Z", INFECTED, "PC-0042");

            assertThat(driver.indicators()).isEmpty();
        }
    }

    @Test
    void shouldRaisePossibleC2WhenAnotherClientReachesTheDestinationAfterTheDetection() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            morning(driver);
            final Alert av = driver.av("2026-11-28T10:30:00Z", INFECTED, "PC-0042");
            driver.alerts();

            driver.request("2026-11-28T11:05:00Z", "10.1.3.9", "CHU\\erin", "http://update-check.example/beacon");

            assertThat(driver.alerts())
                    .as("in place of the generic intel match")
                    .singleElement()
                    .satisfies(a -> {
                        assertThat(a.ruleId()).isEqualTo("vigie.correlation.possible-c2");
                        assertThat(a.vigie().level()).isEqualTo("high");
                        assertThat(a.vigie().entity()).isEqualTo("10.1.3.9|update-check.example");
                        assertThat(a.source()).containsEntry("ip", "10.1.3.9");
                        assertThat(a.user()).containsEntry("name", "erin");
                        assertThat(a.related())
                                .containsEntry("ip", List.of("10.1.3.9", INFECTED))
                                .containsEntry("hosts", List.of("update-check.example"))
                                .containsEntry("user", List.of("erin"));
                        assertThat(a.vigie().observed())
                                .containsEntry("av_alert_id", av.event().id())
                                .containsEntry("seen_by", INFECTED)
                                .containsEntry("detected", "2026-11-28T10:30:00Z")
                                .containsEntry("url", "http://update-check.example/beacon");
                    });
        }
    }

    @Test
    void shouldRaisePossibleC2WhenTheMachineItselfReturnsButNotForARequestBeforeTheDetection() {
        try (CorrelationDriver driver = new CorrelationDriver(RulesConfig.defaults(), stateDir)) {
            morning(driver);
            driver.av("2026-11-28T10:30:00Z", INFECTED, "PC-0042");
            driver.alerts();

            driver.request("2026-11-28T10:25:00Z", INFECTED, "-", "http://update-check.example/late-line");
            assertThat(driver.alerts()).isEmpty();
            driver.request("2026-11-28T12:00:00Z", INFECTED, "-", "http://update-check.example/beacon");
            assertThat(driver.alerts()).extracting(Alert::ruleId).containsExactly("vigie.correlation.possible-c2");
        }
    }
}
