package io.vigie.rules.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.mail.OfflineMailFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Postfix logs through the mail flow and the SMTP AUTH part: CrowdSec's test logs (copied, MIT; README next to them) and
 * realgen's {@code mail.log}, written by Postfix 3.7.11 for this project, whose ground truth ({@code truth.json})
 * names four spraying clients, one account they took over and three users who log in from home.
 */
class SaslCorpusTest {

    private static final Path COPIES = Path.of("src/test/resources/postfix");

    @TempDir
    Path stateDir;

    private static List<String> lines(final Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    private static long number(final Alert alert, final String field) {
        return ((Number) alert.vigie().observed().get(field)).longValue();
    }

    @Test
    void shouldFireNothingOnThreeFailuresAndABruteForceWhenTheThresholdIsThree() throws IOException {
        final List<String> log = lines(COPIES.resolve("crowdsec-hub_postfix-sasl-bf.log"));
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(log);
            assertThat(sasl.alerts()).isEmpty();
        }
        try (SaslDriver sasl = new SaslDriver(SaslDriver.auth(10, 3, 5), stateDir.resolve("three"))) {
            sasl.lines(log);
            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo(SaslSprayingTest.RULE);
                assertThat(alert.entity()).isEqualTo("203.0.113.0/24");
                assertThat(alert.vigie().observed())
                        .containsEntry("signal", "brute-force")
                        .containsEntry("usernames_logged", false)
                        .containsEntry("methods", List.of("LOGIN"))
                        .containsEntry("mail_hosts", List.of("host1"))
                        .containsEntry("first_seen", "2026-05-11T04:02:33Z");
                assertThat(number(alert, "failures")).isEqualTo(3);
                assertThat(alert.source()).containsEntry("ip", "203.0.113.42");
            });
        }
    }

    @Test
    void shouldSeeSprayingInTheHoneypotLogOnlyFromNineAccounts() throws IOException {
        // nine logins tried from nine addresses of one /24 within 40 minutes
        final List<String> log = lines(COPIES.resolve("crowdsec-hub_postfix-honeypot-users.log"));
        try (SaslDriver sasl = new SaslDriver(AuthConfig.defaults(), stateDir)) {
            sasl.lines(log);
            assertThat(sasl.alerts()).isEmpty();
        }
        try (SaslDriver sasl = new SaslDriver(SaslDriver.auth(9, 30, 5), stateDir.resolve("nine"))) {
            sasl.lines(log);
            assertThat(sasl.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.entity()).isEqualTo("203.0.113.0/24");
                assertThat(alert.vigie().observed()).containsEntry("signal", "spraying");
                assertThat(number(alert, "accounts_tried")).isEqualTo(9);
                assertThat(alert.related().get("user"))
                        .hasSize(9)
                        .contains("postmaster@example.org", "nonexistent_user@example.org");
                assertThat(alert.related().get("ip")).hasSize(9);
            });
        }
    }

    private static Path realgen() {
        final Path realgen = Stream.of(
                        Path.of("../detector-app/src/test/resources/pflogsumm/realgen_mail.log"),
                        Path.of("../../shared/data/realgen/postfix/mail.log"))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(null);
        assumeTrue(realgen != null, "realgen's mail.log is not there");
        return realgen;
    }

    /** As the realgen tests of detector-app: the gateway's own clients are 127.10.0.0/16. */
    private static RulesConfig realgenConfig() {
        final RulesConfig base = SaslDriver.config(AuthConfig.defaults());
        return base.toBuilder()
                .internalNetworks(List.of("127.10.0.0/16"))
                .alertThrottle(Duration.ofHours(1))
                .build();
    }

    /** The log in records of 500 lines, as {@code vigie ingest} sends them. */
    private static List<String> records(final List<String> log) {
        final List<String> records = new ArrayList<>();
        for (int i = 0; i < log.size(); i += 500) {
            records.add(String.join("\n", log.subList(i, Math.min(log.size(), i + 500))));
        }
        return records;
    }

    @Test
    void shouldFindTheSprayersAndTheAccountTheyTookOverInRealgen() throws IOException {
        final List<String> log = lines(realgen());
        try (SaslDriver sasl = new SaslDriver(realgenConfig(), stateDir)) {
            sasl.lines(records(log));

            assertRealgenAlerts(sasl.alerts());
        }
    }

    @Test
    void shouldFindTheSameInRealgenWhenTheRulesRunInMemory() throws IOException {
        final OfflineMailFlow flow = new OfflineMailFlow(realgenConfig());
        records(lines(realgen())).forEach(flow::accept);

        assertRealgenAlerts(flow.finish().alerts());
    }

    private static void assertRealgenAlerts(final List<Alert> alerts) {
        assertThat(alerts.stream().filter(a -> a.ruleId().equals(SaslSprayingTest.RULE)))
                .extracting(Alert::entity)
                .containsExactlyInAnyOrder("127.95.0.0/24", "127.95.1.0/24", "127.95.2.0/24", "127.95.3.0/24");
        assertThat(alerts.stream().filter(a -> a.ruleId().equals(SaslSprayingTest.RULE)))
                .allSatisfy(alert -> assertThat(alert.vigie().observed()).containsEntry("signal", "spraying"));
        assertThat(alerts.stream().filter(a -> a.ruleId().equals(AccountTakeoverTest.RULE)))
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.entity()).isEqualTo("secretariat.pediatrie@chu-exemple.fr");
                    assertThat(alert.vigie().observed())
                            .containsEntry("reasons", List.of("failing-network"))
                            .containsEntry("network", "127.95.2.0/24");
                    assertThat(number(alert, "network_failures")).isGreaterThanOrEqualTo(5);
                    assertThat(alert.source()).containsEntry("ip", "127.95.2.194");
                });
    }
}
