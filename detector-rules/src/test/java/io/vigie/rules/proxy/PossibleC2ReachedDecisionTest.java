package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.entity.UserMapping;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The possible C2's request side alone: the table's entry a request matched and the request in, the alert out. */
class PossibleC2ReachedDecisionTest {

    private static final String HOST = "evil.example";
    private static final Instant DETECTED = Requests.T0.minusSeconds(3600);
    private static final UserMapping MAPPING = UserMapping.of(List.of());

    @Test
    void shouldRaiseWithTheAccountThatLastUsedTheAddressWhenTheRequestComesAfterTheDetection() {
        final PossibleC2Detection.Reached rule = new PossibleC2Detection.Reached(
                MAPPING, (address, time) -> "10.1.2.3".equals(address) ? List.of("amartin", "jdupont") : List.of());
        final ProxyEvent request = anonymous(Requests.get("http://evil.example/beacon", null, null));

        final Outcome<Indicator, Alert> outcome = rule.decide(HOST, ours(DETECTED), request);

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.KEEP);
        final Alert alert = outcome.output().orElseThrow();
        assertThat(alert.ruleId()).isEqualTo(PossibleC2Detection.RULE.id());
        assertThat(alert.entity()).isEqualTo("10.1.2.3|" + HOST);
        assertThat(alert.related().get("user")).containsExactly("jdupont");
        assertThat(alert.related().get("ip")).containsExactly("10.1.2.3", "10.7.7.7");
        assertThat(alert.vigie().observed()).containsEntry("av_alert_id", "av-1");
    }

    @Test
    void shouldRaiseNothingForTheRequestsUpToTheDetectionNorForAFeedsIndicator() {
        final PossibleC2Detection.Reached rule = new PossibleC2Detection.Reached(MAPPING, AddressAccounts.NOBODY);
        final ProxyEvent request = Requests.get("http://evil.example/beacon", null, null);

        assertThat(rule.decide(HOST, ours(Requests.T0), request).outputs()).isEmpty();
        final Indicator feeds = new Indicator(
                Indicator.Kind.HOST, HOST, "urlhaus", null, "malware_download", List.of(), null, DETECTED, null);
        assertThat(rule.decide(HOST, feeds, request).outputs()).isEmpty();
        assertThat(rule.decide(HOST, null, request).outputs()).isEmpty();
    }

    @Test
    void shouldNameTheProxyUserBeforeWhoeverUsedTheAddress() {
        final PossibleC2Detection.Reached rule =
                new PossibleC2Detection.Reached(MAPPING, (address, time) -> List.of("amartin"));

        final Alert alert = rule.decide(HOST, ours(DETECTED), Requests.get("http://evil.example/beacon", null, null))
                .output()
                .orElseThrow();

        assertThat(alert.related().get("user")).containsExactly("jdupont");
    }

    @Test
    void shouldRaiseWithoutAccountWhenNobodyIsKnown() {
        final PossibleC2Detection.Reached rule = new PossibleC2Detection.Reached(MAPPING, AddressAccounts.NOBODY);

        final Alert alert = rule.decide(
                        HOST, ours(DETECTED), anonymous(Requests.get("http://evil.example/beacon", null, null)))
                .output()
                .orElseThrow();

        assertThat(alert.related()).doesNotContainKey("user");
    }

    /** The same request without a proxy user. */
    private static ProxyEvent anonymous(final ProxyEvent e) {
        return new ProxyEvent(
                e.time(),
                e.format(),
                e.clientIp(),
                null,
                e.method(),
                e.url(),
                e.scheme(),
                e.host(),
                e.port(),
                e.path(),
                e.query(),
                e.status(),
                e.action(),
                e.blocked(),
                e.bytes(),
                e.contentType(),
                e.referer(),
                e.userAgent(),
                e.durationMs());
    }

    private static Indicator ours(final Instant detected) {
        return new Indicator(
                Indicator.Kind.HOST,
                HOST,
                PossibleC2Detection.INDICATOR_SOURCE,
                "av-1",
                PossibleC2Detection.THREAT,
                List.of("av-correlation"),
                null,
                detected,
                "10.7.7.7");
    }
}
