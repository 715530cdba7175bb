package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.detection.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intel match's decision alone: the table's entry a request matched and the request in, the alert out. */
class IntelMatchDecisionTest {

    private static final String HOST = "evil.example";
    private static final IntelMatchDetection RULE = new IntelMatchDetection();

    @Test
    void shouldRaiseHighWhenTheProxyLetTheRequestThrough() {
        final ProxyEvent request = Requests.get("http://evil.example/payload.exe", null, null);

        final Outcome<Indicator, Alert> outcome = RULE.decide(HOST, entry("urlhaus"), request);

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.KEEP);
        final Alert alert = outcome.output().orElseThrow();
        assertThat(alert.ruleId()).isEqualTo(IntelMatchDetection.RULE.id());
        assertThat(alert.entity()).isEqualTo("10.1.2.3|" + entry("urlhaus").key());
        assertThat(alert.vigie().level()).isEqualTo("high");
        assertThat(alert.vigie().observed()).containsEntry("blocked", false);
    }

    @Test
    void shouldRaiseMediumWhenTheProxyBlockedIt() {
        final ProxyEvent request = Requests.request("GET", "http://evil.example/payload.exe", 403, true, null, null);

        final Alert alert =
                RULE.decide(HOST, entry("urlhaus"), request).output().orElseThrow();

        assertThat(alert.vigie().level()).isEqualTo("medium");
    }

    @Test
    void shouldLeaveOurOwnIndicatorsToThePossibleC2Rule() {
        final ProxyEvent request = Requests.get("http://evil.example/payload.exe", null, null);

        assertThat(RULE.decide(HOST, entry(PossibleC2Detection.INDICATOR_SOURCE), request)
                        .outputs())
                .isEmpty();
        assertThat(RULE.decide(HOST, null, request).outputs()).isEmpty();
    }

    private static Indicator entry(final String source) {
        return new Indicator(
                Indicator.Kind.HOST, HOST, source, null, "malware_download", List.of(), null, Requests.T0, null);
    }
}
