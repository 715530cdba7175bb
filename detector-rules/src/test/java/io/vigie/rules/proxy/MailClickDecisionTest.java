package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.proxy.MailClickDetection.HostLures;
import io.vigie.rules.proxy.MailClickDetection.Kept;
import io.vigie.rules.proxy.MailClickDetection.NewLure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mail-to-click decisions alone: a host's lures and a request or a new lure (with the contacts) in. */
class MailClickDecisionTest {

    private static final String HOST = "evil.example";
    private static final Duration RETENTION = Duration.ofDays(7);
    /** An hour before the request of {@link Requests}: a click by jdupont (its proxy user) from 10.1.2.3. */
    private static final Instant DELIVERED = Requests.T0.minusSeconds(3600);

    private static final UserMapping MAPPING = UserMapping.of(List.of());
    private static final MailClickDetection RULE = new MailClickDetection(RETENTION, MAPPING, AddressAccounts.NOBODY);

    @Test
    void shouldRaiseOnceWhenARecipientReachesTheHostAfterTheDeliveryAndRememberIt() {
        final HostLures known = new HostLures(List.of(new Kept(lure("mail-1", DELIVERED, "jdupont"), List.of())));
        final ProxyEvent click = Requests.get("http://evil.example/login", null, null);

        final Outcome<HostLures, Alert> first = RULE.requests().decide(HOST, known, click);

        assertThat(first.change()).isEqualTo(Outcome.StateChange.PUT);
        final Alert alert = first.output().orElseThrow();
        assertThat(alert.ruleId()).isEqualTo(MailClickDetection.RULE.id());
        assertThat(alert.entity()).isEqualTo("jdupont|" + HOST);
        assertThat(alert.vigie().observed())
                .containsEntry("mail_alert_id", "mail-1")
                .containsEntry("url", "http://evil.example/login")
                .containsEntry("identified_by", "proxy-user");
        assertThat(first.state().lures())
                .singleElement()
                .satisfies(k -> assertThat(k.alerted()).containsExactly("jdupont"));

        final Outcome<HostLures, Alert> again = RULE.requests().decide(HOST, first.state(), click);
        assertThat(again.change()).isEqualTo(Outcome.StateChange.KEEP);
        assertThat(again.outputs()).isEmpty();
    }

    @Test
    void shouldRaiseNothingForARequestBeforeTheDeliveryOrByAnotherAccount() {
        final HostLures later =
                new HostLures(List.of(new Kept(lure("mail-1", Requests.T0.plusSeconds(60), "jdupont"), List.of())));
        final HostLures otherRecipient =
                new HostLures(List.of(new Kept(lure("mail-1", DELIVERED, "amartin"), List.of())));
        final ProxyEvent click = Requests.get("http://evil.example/login", null, null);

        assertThat(RULE.requests().decide(HOST, later, click).change()).isEqualTo(Outcome.StateChange.KEEP);
        assertThat(RULE.requests().decide(HOST, later, click).outputs()).isEmpty();
        assertThat(RULE.requests().decide(HOST, otherRecipient, click).outputs())
                .isEmpty();
        assertThat(RULE.requests().decide(HOST, null, click).outputs()).isEmpty();
    }

    @Test
    void shouldNameWhoeverUsedTheAddressWhenTheProxyUserIsNoAccount() {
        final MailClickDetection rule = new MailClickDetection(
                RETENTION, MAPPING, (address, time) -> "10.1.2.3".equals(address) ? List.of("amartin") : List.of());
        final HostLures known = new HostLures(List.of(new Kept(lure("mail-1", DELIVERED, "amartin"), List.of())));
        final ProxyEvent request = Requests.get("http://evil.example/login", null, null);
        final ProxyEvent anonymous = new ProxyEvent(
                request.time(),
                request.format(),
                request.clientIp(),
                null,
                request.method(),
                request.url(),
                request.scheme(),
                request.host(),
                request.port(),
                request.path(),
                request.query(),
                request.status(),
                request.action(),
                request.blocked(),
                request.bytes(),
                request.contentType(),
                request.referer(),
                request.userAgent(),
                request.durationMs());

        final Alert alert =
                rule.requests().decide(HOST, known, anonymous).output().orElseThrow();

        assertThat(alert.entity()).isEqualTo("amartin|" + HOST);
        assertThat(alert.vigie().observed()).containsEntry("identified_by", "identity");
    }

    @Test
    void shouldKeepANewLureAndRaiseForTheRecipientsThatAlreadyReachedTheHostAfterTheDelivery() {
        final List<Contact> contacts = List.of(
                new Contact(
                        "10.1.2.3", DELIVERED.plusSeconds(120), DELIVERED.plusSeconds(300), 4, 0, List.of("jdupont")),
                new Contact(
                        "10.4.4.4",
                        DELIVERED.minusSeconds(7200),
                        DELIVERED.minusSeconds(3600),
                        1,
                        0,
                        List.of("amartin")));

        final Outcome<HostLures, Alert> outcome =
                RULE.lures().decide(HOST, null, new NewLure(lure("mail-1", DELIVERED, "jdupont", "amartin"), contacts));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.PUT);
        final Alert alert = outcome.output().orElseThrow();
        assertThat(alert.entity()).isEqualTo("jdupont|" + HOST);
        assertThat(alert.vigie().observed())
                .containsEntry("clicked", DELIVERED.plusSeconds(120).toString());
        assertThat(outcome.state().lures())
                .singleElement()
                .satisfies(k -> assertThat(k.alerted()).containsExactly("jdupont"));
    }

    @Test
    void shouldNotRaiseAgainWhenTheSameMailAlertComesBack() {
        final List<Contact> contacts = List.of(new Contact(
                "10.1.2.3", DELIVERED.plusSeconds(120), DELIVERED.plusSeconds(300), 4, 0, List.of("jdupont")));
        final NewLure lure = new NewLure(lure("mail-1", DELIVERED, "jdupont"), contacts);
        final HostLures kept = RULE.lures().decide(HOST, null, lure).state();

        final Outcome<HostLures, Alert> replay = RULE.lures().decide(HOST, kept, lure);

        assertThat(replay.outputs()).isEmpty();
        assertThat(replay.state()).isEqualTo(kept);
    }

    @Test
    void shouldKeepTheLatestDeliveriesOnly() {
        HostLures known = null;
        for (int i = 0; i <= MailClickDetection.MAX_LURES_PER_HOST; i++) {
            known = RULE.lures()
                    .decide(HOST, known, new NewLure(lure("mail-" + i, DELIVERED.plusSeconds(i), "jdupont"), List.of()))
                    .state();
        }

        assertThat(known.lures()).hasSize(MailClickDetection.MAX_LURES_PER_HOST);
        assertThat(known.lures().get(0).lure().alertId()).isEqualTo("mail-1");
    }

    @Test
    void shouldSweepTheLuresDeliveredMoreThanTheRetentionAgo() {
        final HostLures known = new HostLures(List.of(
                new Kept(lure("old", DELIVERED, "jdupont"), List.of()),
                new Kept(lure("new", DELIVERED.plus(Duration.ofDays(2)), "jdupont"), List.of())));

        assertThat(RULE.unexpired(known, DELIVERED.plus(RETENTION))).isSameAs(known);
        assertThat(RULE.unexpired(known, DELIVERED.plus(RETENTION).plusSeconds(1))
                        .lures())
                .extracting(k -> k.lure().alertId())
                .containsExactly("new");
        assertThat(RULE.unexpired(known, DELIVERED.plus(Duration.ofDays(10)))).isNull();
    }

    private static Lure lure(final String alertId, final Instant delivered, final String... accounts) {
        return new Lure(alertId, "vigie.mail.user-report", HOST, delivered, List.of(accounts));
    }
}
