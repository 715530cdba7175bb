package io.vigie.rules.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.AuthConfig;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie.mail.sasl-spraying} through the mail flow and the SMTP AUTH part, from Postfix lines. */
class SaslSprayingTest {

    static final String RULE = "vigie.mail.sasl-spraying";
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    @TempDir
    Path stateDir;

    private static long number(final Alert alert, final String field) {
        return ((Number) alert.vigie().observed().get(field)).longValue();
    }

    /** One failure per account from the addresses .10, .11... of 203.0.113.0/24, a minute apart from 10:00. */
    static List<String> sprayingFrom24(final int accounts) {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            lines.add(SaslLines.failure(
                    "28 10:%02d:17".formatted(i),
                    "203.0.113." + (10 + i),
                    i % 2 == 0 ? "LOGIN" : "PLAIN",
                    "user" + i + "@" + SaslDriver.DOMAIN));
        }
        return lines;
    }

    @Test
    void shouldAlertOnceWhenOneNetworkTriesTwelveAccounts() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(sprayingFrom24(12));

            final List<Alert> alerts = sasl.alerts();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo(RULE);
                assertThat(alert.entity()).isEqualTo("203.0.113.0/24");
                assertThat(alert.vigie().level()).isEqualTo("medium");
                assertThat(alert.vigie().observed())
                        .containsEntry("signal", "spraying")
                        .containsEntry("network", "203.0.113.0/24")
                        .containsEntry("usernames_logged", true)
                        .containsEntry("methods", List.of("LOGIN", "PLAIN"))
                        .containsEntry("first_seen", "2026-11-28T10:00:17Z")
                        .containsEntry("last_seen", "2026-11-28T10:09:17Z");
                // it fired on the tenth account
                assertThat(number(alert, "accounts_tried")).isEqualTo(10);
                assertThat(number(alert, "failures")).isEqualTo(10);
                assertThat(number(alert, "threshold")).isEqualTo(10);
                assertThat(alert.related().get("user"))
                        .hasSize(10)
                        .contains("user0@chu-exemple.fr", "user9@chu-exemple.fr");
                assertThat(alert.related().get("ip")).hasSize(10).contains("203.0.113.10", "203.0.113.19");
                assertThat(alert.source()).as("one address only").isNull();
                assertThat(alert.message())
                        .isEqualTo("203.0.113.0/24 tried 10 accounts in 10 failed SMTP logins within 1h");
                assertThat(alert.timestamp()).hasToString("2026-11-28T10:09:17Z");
            });
        }
    }

    @Test
    void shouldDescribeTheAttackAsOfItsLatestFailureWhenLinesComeOutOfOrder() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            // as when a shipper spreads the lines over partitions: the latest failures are read first
            final List<String> lines = new ArrayList<>(sprayingFrom24(12));
            Collections.reverse(lines);
            sasl.lines(lines);

            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.vigie().observed())
                        .containsEntry("signal", "spraying")
                        .containsEntry("first_seen", "2026-11-28T10:02:17Z")
                        .containsEntry("last_seen", "2026-11-28T10:11:17Z");
                assertThat(number(alert, "accounts_tried")).isEqualTo(10);
                assertThat(number(alert, "failures")).isEqualTo(10);
                assertThat(alert.related().get("user"))
                        .hasSize(10)
                        .contains("user2@chu-exemple.fr", "user11@chu-exemple.fr");
                assertThat(alert.timestamp()).hasToString("2026-11-28T10:11:17Z");
            });
        }
    }

    @Test
    void shouldNotAlertWhenOneNetworkTriesThreeAccounts() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            final List<String> lines = new ArrayList<>(sprayingFrom24(3));
            lines.addAll(sprayingFrom24(3)); // each tried twice
            sasl.lines(lines);

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    @Test
    void shouldNotAlertWhenTheAccountsAreTriedFromDifferentNetworks() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            final List<String> lines = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                lines.add(SaslLines.failure(
                        "28 10:%02d:17".formatted(i),
                        "198.51." + (100 + i) + ".7",
                        "LOGIN",
                        "user" + i + "@" + SaslDriver.DOMAIN));
            }
            sasl.lines(lines);

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    @Test
    void shouldCallItABruteForceWhenOneAccountFailsManyTimesFromOneAddress() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            final List<String> lines = new ArrayList<>();
            for (int i = 0; i < 31; i++) {
                lines.add(SaslLines.failure(
                        "28 10:%02d:%02d".formatted(i / 2, i % 2 * 30),
                        "198.51.100.77",
                        "LOGIN",
                        "m.leroy@" + SaslDriver.DOMAIN));
            }
            sasl.lines(lines);

            final List<Alert> alerts = sasl.alerts();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo(RULE);
                assertThat(alert.entity()).isEqualTo("198.51.100.0/24");
                assertThat(alert.vigie().observed())
                        .containsEntry("signal", "brute-force")
                        .containsEntry("accounts", List.of("m.leroy@chu-exemple.fr"))
                        .containsEntry("addresses", List.of("198.51.100.77"));
                assertThat(number(alert, "failures")).isEqualTo(30);
                assertThat(number(alert, "accounts_tried")).isEqualTo(1);
                assertThat(number(alert, "threshold")).isEqualTo(30);
                assertThat(alert.source()).containsEntry("ip", "198.51.100.77");
                assertThat(alert.message())
                        .isEqualTo("198.51.100.0/24 failed 30 SMTP logins within 1h, on m.leroy@chu-exemple.fr");
            });
        }
    }

    @Test
    void shouldCallItABruteForceWhenPostfixDoesNotLogTheLogins() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            final List<String> lines = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                lines.add(
                        SaslLines.failure("28 10:%02d:00".formatted(i), "2001:db8:4:5::" + (i % 3 + 1), "PLAIN", null));
            }
            sasl.lines(lines.subList(0, 29));
            assertThat(sasl.alerts()).isEmpty();

            sasl.lines(lines.subList(29, 30));
            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.entity()).isEqualTo("2001:db8:4:5::/64");
                assertThat(alert.vigie().observed())
                        .containsEntry("signal", "brute-force")
                        .containsEntry("usernames_logged", false)
                        .doesNotContainKey("accounts")
                        .containsEntry("addresses", List.of("2001:db8:4:5::1", "2001:db8:4:5::2", "2001:db8:4:5::3"));
                assertThat(alert.related()).doesNotContainKey("user");
                assertThat(alert.message())
                        .isEqualTo("2001:db8:4:5::/64 failed 30 SMTP logins within 1h (Postfix did "
                                + "not log the logins tried)");
            });
        }
    }

    @Test
    void shouldNotCountFailuresOlderThanTheWindow() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            final List<String> lines = new ArrayList<>();
            // a little more than two minutes apart: never 30 within one hour, 40 within 82 minutes
            for (int i = 0; i < 40; i++) {
                final int minute = i * 125 / 60;
                lines.add(SaslLines.failure(
                        "28 %02d:%02d:%02d".formatted(8 + minute / 60, minute % 60, i * 125 % 60),
                        "198.51.100.77",
                        "LOGIN",
                        null));
            }
            sasl.lines(lines);

            assertThat(sasl.alerts()).isEmpty();
        }
    }

    @Test
    void shouldAlertAgainOnlyForANewAttackAfterTheNetworkWasQuietForAWindow() {
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(sprayingFrom24(12));
            // the same network goes on 35 minutes later: the same attack
            final List<String> later = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                later.add(SaslLines.failure(
                        "28 10:%02d:30".formatted(45 + i),
                        "203.0.113.99",
                        "LOGIN",
                        "other" + i + "@" + SaslDriver.DOMAIN));
            }
            sasl.lines(later);
            final List<Alert> first = sasl.alerts();
            assertThat(first).hasSize(1);

            // then, after an hour of quiet (10:56:30 to 11:57:00), a new attack
            final List<String> next = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                next.add(SaslLines.failure(
                        "28 " + LocalTime.of(11, 57).plusMinutes(2L * i).format(HH_MM_SS),
                        "203.0.113.200",
                        "LOGIN",
                        "next" + i + "@" + SaslDriver.DOMAIN));
            }
            sasl.lines(next);
            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.entity()).isEqualTo("203.0.113.0/24");
                assertThat(alert.vigie().observed()).containsEntry("first_seen", "2026-11-28T11:57:00Z");
                assertThat(alert.event().id()).isNotEqualTo(first.get(0).event().id());
            });
        }
    }

    @Test
    void shouldGiveAReplayedAttackTheSameAlertIdAndNoSecondAlert(@TempDir final Path otherStateDir) {
        final String id;
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(sprayingFrom24(12));
            id = sasl.alerts().get(0).event().id();
            // the same log shipped again to the same engine
            sasl.lines(sprayingFrom24(12));
            assertThat(sasl.alerts())
                    .allSatisfy(alert -> assertThat(alert.event().id()).isEqualTo(id));
        }
        try (SaslDriver replay = new SaslDriver(AuthConfig.defaults(), otherStateDir)) {
            replay.lines(sprayingFrom24(12));
            assertThat(replay.alerts())
                    .singleElement()
                    .satisfies(alert -> assertThat(alert.event().id()).isEqualTo(id));
        }
    }
}
