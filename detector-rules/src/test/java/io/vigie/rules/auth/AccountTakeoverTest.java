package io.vigie.rules.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.AuthConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie.mail.account-takeover} through the mail flow and the SMTP AUTH part, from Postfix lines. */
class AccountTakeoverTest {

    static final String RULE = "vigie.mail.account-takeover";
    private static final String LEROY = "m.leroy@" + SaslDriver.DOMAIN;

    @TempDir
    Path stateDir;

    private static long number(final Alert alert, final String field) {
        return ((Number) alert.vigie().observed().get(field)).longValue();
    }

    /** {@code count} failures on {@code login} from one address, ten seconds apart from 10:00:00. */
    private static List<String> failures(final int count, final String ip, final String login) {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(SaslLines.failure("28 10:%02d:%02d".formatted(i / 6, i % 6 * 10), ip, "LOGIN", login));
        }
        return lines;
    }

    @Test
    void shouldAlertWithTheCountsWhenALoginFollowsFailuresOnTheAccount() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(failures(6, "198.51.100.77", LEROY));
            sasl.lines(SaslLines.message(
                    "28 10:05:00",
                    "4A1B2C3D4E",
                    "198.51.100.77",
                    LEROY,
                    LEROY,
                    "compta@fournisseur-exemple.fr",
                    "a.martin@example.net",
                    "secretariat@" + SaslDriver.DOMAIN));

            // no spraying: six failures on one account
            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo(RULE);
                assertThat(alert.entity()).isEqualTo(LEROY);
                assertThat(alert.vigie().level()).isEqualTo("high");
                assertThat(alert.timestamp()).hasToString("2026-11-28T10:05:00Z");
                assertThat(alert.vigie().observed())
                        .containsEntry("reasons", List.of("failures-before-login", "failing-network"))
                        .containsEntry("network", "198.51.100.0/24")
                        .containsEntry("failing_addresses", List.of("198.51.100.77"))
                        .containsEntry("first_failure", "2026-11-28T10:00:00Z")
                        .containsEntry("last_failure", "2026-11-28T10:00:50Z")
                        .containsEntry("first_seen", "2026-11-28T10:05:00Z")
                        .containsEntry("queue_id", "4A1B2C3D4E")
                        .doesNotContainKey("known_networks");
                assertThat(number(alert, "account_failures")).isEqualTo(6);
                assertThat(number(alert, "network_failures")).isEqualTo(6);
                assertThat(number(alert, "outbound_messages_last_hour")).isEqualTo(1);
                assertThat(number(alert, "outbound_recipients_last_hour")).isEqualTo(2);
                assertThat(alert.source()).containsEntry("ip", "198.51.100.77");
                assertThat(alert.user()).containsEntry("name", LEROY).containsEntry("email", LEROY);
                assertThat(alert.email()).containsEntry("from", Map.of("address", List.of(LEROY)));
                assertThat(alert.related().get("user")).containsExactly(LEROY);
                assertThat(alert.message())
                        .isEqualTo("m.leroy@chu-exemple.fr logged in from 198.51.100.77 "
                                + "(198.51.100.0/24) after 6 failed logins on the account and 6 from its network within 1h; "
                                + "1 outbound message to 2 external recipients in the last hour");
            });
        }
    }

    @Test
    void shouldAlertWhenTheLoginComesFromANetworkThatFailedWithoutLoggingLogins() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            // an older Postfix: the failures do not name the account
            sasl.lines(failures(8, "198.51.100.77", null));
            sasl.lines(SaslLines.message(
                    "28 10:20:00", "4A1B2C3D4F", "198.51.100.80", LEROY, LEROY, "a.martin@example.net"));

            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo(RULE);
                assertThat(alert.vigie().observed())
                        .containsEntry("reasons", List.of("failing-network"))
                        .containsEntry("failing_addresses", List.of("198.51.100.77"));
                assertThat(number(alert, "account_failures")).isZero();
                assertThat(number(alert, "network_failures")).isEqualTo(8);
                assertThat(alert.related().get("ip")).containsExactly("198.51.100.80", "198.51.100.77");
            });
        }
    }

    @Test
    void shouldNotAlertWhenFewerFailuresThanTheThresholdComeBeforeTheLogin() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            // a user who mistyped the password four times
            sasl.lines(failures(4, "198.51.100.77", LEROY));
            sasl.lines(SaslLines.message(
                    "28 10:01:00", "4A1B2C3D50", "198.51.100.77", LEROY, LEROY, "a.martin@example.net"));

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    @Test
    void shouldNotCountFailuresOlderThanTheWindow() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(failures(6, "198.51.100.77", LEROY));
            sasl.lines(SaslLines.message(
                    "28 11:01:00", "4A1B2C3D51", "198.51.100.77", LEROY, LEROY, "a.martin@example.net"));

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    @Test
    void shouldNotAlertWhenAUserLogsInFromItsUsualNetwork() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            // learned on its first days: home (192.0.2.0/24)
            sasl.lines(
                    SaslLines.message("10 19:30:00", "1A1B2C3D01", "192.0.2.10", LEROY, LEROY, "a.martin@example.net"));
            sasl.lines(
                    SaslLines.message("12 20:10:00", "1A1B2C3D02", "192.0.2.10", LEROY, LEROY, "a.martin@example.net"));
            // weeks later, from another address of the same /24, to the outside
            sasl.lines(SaslLines.message(
                    "28 10:05:00",
                    "1A1B2C3D03",
                    "192.0.2.44",
                    LEROY,
                    LEROY,
                    "compta@fournisseur-exemple.fr",
                    "a.martin@example.net"));

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    /** First seen from home on the 10th: its learning period ends on the 17th. */
    private static List<String> learnedAtHome() {
        final List<String> lines = new ArrayList<>(
                SaslLines.message("10 19:30:00", "1A1B2C3D01", "192.0.2.10", LEROY, LEROY, "a.martin@example.net"));
        lines.addAll(
                SaslLines.message("16 08:00:00", "1A1B2C3D02", "192.0.2.10", LEROY, LEROY, "a.martin@example.net"));
        return lines;
    }

    @Test
    void shouldAlertWhenANewNetworkAfterTheLearningPeriodSendsToTheOutside() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(learnedAtHome());
            sasl.lines(SaslLines.message(
                    "28 10:05:00",
                    "4A1B2C3D52",
                    "198.51.100.50",
                    LEROY,
                    LEROY,
                    "invoice@example.net",
                    "a.martin@example.net",
                    "p.durand@example.org"));

            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo(RULE);
                assertThat(alert.entity()).isEqualTo(LEROY);
                assertThat(alert.vigie().observed())
                        .containsEntry("reasons", List.of("new-network"))
                        .containsEntry("network", "198.51.100.0/24")
                        .containsEntry("known_networks", List.of("192.0.2.0/24"))
                        .containsEntry("first_seen", "2026-11-28T10:05:00Z")
                        .doesNotContainKeys("failing_addresses", "first_failure");
                assertThat(number(alert, "outbound_recipients_last_hour")).isEqualTo(3);
                assertThat(alert.message())
                        .isEqualTo("m.leroy@chu-exemple.fr logged in from 198.51.100.50 "
                                + "(198.51.100.0/24) from a network it had never used; 1 outbound message to 3 external "
                                + "recipients in the last hour");
            });
        }
    }

    @Test
    void shouldNotAlertOnANewNetworkDuringTheLearningPeriod() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            // first login seen on the 27th: still learning on the 28th
            sasl.lines(
                    SaslLines.message("27 19:30:00", "1A1B2C3D01", "192.0.2.10", LEROY, LEROY, "a.martin@example.net"));
            sasl.lines(SaslLines.message(
                    "28 10:05:00", "4A1B2C3D53", "198.51.100.50", LEROY, LEROY, "invoice@example.net"));

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    @Test
    void shouldAlertWhenOutboundMailFollowsAnInternalOnlyLoginFromANewNetwork() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(learnedAtHome());
            sasl.lines(SaslLines.message(
                    "28 10:05:00", "4A1B2C3D54", "198.51.100.50", LEROY, LEROY, "secretariat@" + SaslDriver.DOMAIN));
            assertThat(sasl.alerts()).as("mail to colleagues only").isEmpty();

            sasl.lines(SaslLines.message(
                    "28 10:25:00", "4A1B2C3D55", "198.51.100.50", LEROY, LEROY, "invoice@example.net"));
            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.vigie().observed())
                        .containsEntry("reasons", List.of("new-network"))
                        .containsEntry("first_seen", "2026-11-28T10:05:00Z");
                assertThat(number(alert, "outbound_messages_last_hour")).isEqualTo(1);
            });
        }
    }

    @Test
    void shouldNotAlertOnANewNetworkOfTheOrganisation() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(learnedAtHome());
            sasl.lines(
                    SaslLines.message("28 10:05:00", "4A1B2C3D56", "10.12.0.42", LEROY, LEROY, "invoice@example.net"));

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    @Test
    void shouldAlertOncePerHourWhileTheAccountKeepsSending() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(failures(6, "198.51.100.77", LEROY));
            for (int i = 0; i < 5; i++) {
                sasl.lines(SaslLines.message(
                        "28 10:%02d:00".formatted(5 + i),
                        "4A1B2C3E0" + i,
                        "198.51.100.77",
                        LEROY,
                        LEROY,
                        "victim" + i + "@example.net",
                        "other" + i + "@example.org"));
            }

            assertThat(sasl.alerts())
                    .singleElement()
                    .satisfies(alert -> assertThat(number(alert, "outbound_messages_last_hour"))
                            .isEqualTo(1));
        }
    }

    @Test
    void shouldGiveAReplayedTakeoverTheSameAlertIdAndNoSecondAlert(@TempDir final Path otherStateDir) {
        final List<String> lines = new ArrayList<>(failures(6, "198.51.100.77", LEROY));
        lines.addAll(
                SaslLines.message("28 10:05:00", "4A1B2C3D4E", "198.51.100.77", LEROY, LEROY, "a.martin@example.net"));
        final String id;
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(lines);
            id = sasl.alerts(RULE).get(0).event().id();
            sasl.lines(lines);
            assertThat(sasl.alerts(RULE))
                    .allSatisfy(alert -> assertThat(alert.event().id()).isEqualTo(id));
        }
        try (SaslDriver replay = new SaslDriver(AuthConfig.defaults(), otherStateDir)) {
            replay.lines(lines);
            assertThat(replay.alerts(RULE))
                    .singleElement()
                    .satisfies(alert -> assertThat(alert.event().id()).isEqualTo(id));
        }
    }

    @Test
    void shouldForgetAQuietNetworkAndASprayersGuessesButNotAnAccountThatLoggedIn() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.linesAt(Instant.parse("2026-11-16T08:00:00Z"), learnedAtHome());
            final List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lines.add(SaslLines.failure(
                        "28 07:0%d:00".formatted(i), "203.0.113.50", "LOGIN", "guess" + i + "@" + SaslDriver.DOMAIN));
            }
            sasl.linesAt(Instant.parse("2026-11-28T07:02:00Z"), lines);
            assertThat(sasl.keysOf(SaslSprayingDetection.STORE)).containsExactly("203.0.113.0/24");
            assertThat(sasl.keysOf(AccountTakeoverDetection.STORE))
                    .containsExactlyInAnyOrder(
                            LEROY, "guess0@chu-exemple.fr", "guess1@chu-exemple.fr", "guess2@chu-exemple.fr");

            // three hours later (more than two windows), any line of the part lets its hourly sweep run
            sasl.linesAt(
                    Instant.parse("2026-11-28T10:30:00Z"),
                    List.of(SaslLines.failure("28 10:30:00", "198.51.100.9", "LOGIN", null)));

            assertThat(sasl.keysOf(SaslSprayingDetection.STORE)).containsExactly("198.51.100.0/24");
            assertThat(sasl.keysOf(AccountTakeoverDetection.STORE)).containsExactly(LEROY);
        }
    }
}
