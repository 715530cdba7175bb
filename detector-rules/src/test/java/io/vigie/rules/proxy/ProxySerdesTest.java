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
        final ProxyEvent request = new ProxyEvent(T0, "combined", "10.1.2.3", "dupont", "GET",
                "http://files.example/x.exe?id=é", "http", "files.example", 80, "/x.exe", "id=é", 200, "TCP_MISS",
                false, 1_048_576, "application/octet-stream", "", "Mozilla/5.0", 1234);
        final ProxyEvent sparse = new ProxyEvent(T0, "squid", "fe80::1", null, "CONNECT", "example.org:443", null,
                "example.org", 443, null, null, 403, "TCP_DENIED", true, 0, null, null, null, 0);
        final Indicator indicator = new Indicator(Indicator.Kind.URL, "http://files.example/x.exe", "urlhaus",
                "https://urlhaus.example/1", "malware_download", List.of("exe", "AgentTesla"), "online", T0, null);

        for (final DestinationInput input : List.of(DestinationInput.request(request),
                DestinationInput.request(sparse), DestinationInput.newIndicator(indicator))) {
            assertThat(ProxySerdes.INPUT.fromBytes(ProxySerdes.INPUT.toBytes(input))).isEqualTo(input);
        }
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
