package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ProxySerdesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T05:27:26.123Z");

    @Test
    void shouldReadBackARequestAndAnIndicatorAsTheyWereWritten() {
        final ProxyEvent request = new ProxyEvent(
                T0,
                "combined",
                "10.1.2.3",
                "dupont",
                "GET",
                "http://files.example/x.exe?id=é",
                "http",
                "files.example",
                80,
                "/x.exe",
                "id=é",
                200,
                "TCP_MISS",
                false,
                1_048_576,
                "application/octet-stream",
                "",
                "Mozilla/5.0",
                1234);
        final ProxyEvent sparse = new ProxyEvent(
                T0,
                "squid",
                "fe80::1",
                null,
                "CONNECT",
                "example.org:443",
                null,
                "example.org",
                443,
                null,
                null,
                403,
                "TCP_DENIED",
                true,
                0,
                null,
                null,
                null,
                0);
        final Indicator indicator = new Indicator(
                Indicator.Kind.URL,
                "http://files.example/x.exe",
                "urlhaus",
                "https://urlhaus.example/1",
                "malware_download",
                List.of("exe", "AgentTesla"),
                "online",
                T0,
                null);

        for (final DestinationInput input : List.of(
                DestinationInput.request(request),
                DestinationInput.request(sparse),
                DestinationInput.newIndicator(indicator))) {
            assertThat(ProxySerdes.INPUT.fromBytes(ProxySerdes.INPUT.toBytes(input)))
                    .isEqualTo(input);
        }
    }

    @Test
    void shouldReadBackALureAndAnAntivirusDetectionAndWriteRequestsAsBeforeThem() {
        final Lure lure = new Lure(
                "b5e3eace11951289", "vigie.mail.user-report", "paie-chu.example", T0, List.of("a.meyer", "b.martin"));
        final AvSighting av = new AvSighting(
                "f25ff35433317492", "vigie.av.outbreak", T0, List.of("10.1.3.7", "fe80::2"), null, "Win.Trojan.Agent");
        for (final DestinationInput input : List.of(DestinationInput.lure(lure), DestinationInput.av(av))) {
            assertThat(ProxySerdes.INPUT.fromBytes(ProxySerdes.INPUT.toBytes(input)))
                    .isEqualTo(input);
        }
        // an indicator takes the bytes it took before the correlations (records in flight at an upgrade): format,
        // no event, an indicator (kind, value, source, reference, threat, tags, status, added, seen by), no more
        final Indicator indicator =
                new Indicator(Indicator.Kind.HOST, "evil.example", "list", null, null, List.of(), null, null, null);
        final byte[] bytes = ProxySerdes.INPUT.toBytes(DestinationInput.newIndicator(indicator));
        assertThat(bytes).hasSize(1 + 1 + 1 + (1 + 13 + 5 + 1 + 1 + 1 + 1 + 1 + 1));
        assertThat(ProxySerdes.INPUT.fromBytes(bytes)).isEqualTo(DestinationInput.newIndicator(indicator));
    }

    @Test
    void shouldReadBackAContactAndRefuseOneCutShort() {
        final Contact contact = new Contact("10.1.2.3", T0, T0.plusSeconds(60), 12, 2, List.of("dupont", "martin"));
        final byte[] bytes = ProxySerdes.CONTACT.toBytes(contact);

        assertThat(ProxySerdes.CONTACT.fromBytes(bytes)).isEqualTo(contact);
        assertThatThrownBy(() -> ProxySerdes.CONTACT.fromBytes(Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(SerializationException.class);
    }
}
