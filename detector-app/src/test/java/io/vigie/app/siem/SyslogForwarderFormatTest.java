package io.vigie.app.siem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The RFC 5424 message and RFC 6587 framing the forwarder writes, and its backoff, without a receiver. */
class SyslogForwarderFormatTest {

    private final SyslogFormat format = new SyslogFormat(SyslogSettings.LOCAL4, "vigie-host", "vigie");

    @Test
    void shouldWriteHeaderStructuredDataAndTheJsonUnchanged() {
        final String json = "{\"@timestamp\":\"2026-11-28T05:26:37.123456789Z\",\"event\":{\"id\":\"3f0c\"},"
                + "\"rule\":{\"id\":\"vigie.mail.outbound-volume-spike\"},"
                + "\"vigie\":{\"level\":\"high\",\"entity\":\"m.leroy@chu-exemple.fr\"}}";

        final String message =
                new String(format.message(json.getBytes(StandardCharsets.UTF_8), 0), StandardCharsets.UTF_8);

        assertThat(message)
                .isEqualTo("<163>1 2026-11-28T05:26:37.123456Z vigie-host vigie - "
                        + "vigie.mail.outbound-volume-spike [vigie@32473 id=\"3f0c\" level=\"high\" "
                        + "entity=\"m.leroy@chu-exemple.fr\" rule=\"vigie.mail.outbound-volume-spike\"] " + json);
    }

    @Test
    void shouldTakeTheSeverityFromTheLevelAndTheFacilityFromTheSettings() {
        assertThat(SyslogFormat.severity("critical")).isEqualTo(2);
        assertThat(SyslogFormat.severity("HIGH")).isEqualTo(3);
        assertThat(SyslogFormat.severity("medium")).isEqualTo(4);
        assertThat(SyslogFormat.severity("low")).isEqualTo(5);
        assertThat(SyslogFormat.severity(null)).isEqualTo(6);
        final SyslogFormat auth = new SyslogFormat(SyslogSettings.facilityCode("authpriv"), "h", "vigie");
        assertThat(new String(
                        auth.message("{\"vigie\":{\"level\":\"critical\"}}".getBytes(StandardCharsets.UTF_8), 0),
                        StandardCharsets.UTF_8))
                .startsWith("<82>1 ");
    }

    @Test
    void shouldEscapeParamValuesAndCountOctetsNotCharacters() {
        assertThat(SyslogFormat.escape("a\"b]c\\d[e")).isEqualTo("a\\\"b\\]c\\\\d[e");
        final byte[] alert = "{\"vigie\":{\"entity\":\"Hôpital \\\"Nord\\\" ]\"}}".getBytes(StandardCharsets.UTF_8);

        final byte[] frame = format.frame(alert, 0);

        final String text = new String(frame, StandardCharsets.UTF_8);
        final int space = text.indexOf(' ');
        final int length = Integer.parseInt(text.substring(0, space));
        assertThat(length).isEqualTo(frame.length - space - 1).isGreaterThan(text.length() - space - 1);
        assertThat(text).contains("entity=\"Hôpital \\\"Nord\\\" \\]\"");
    }

    @Test
    void shouldKeepTheMessageIdWithinThirtyTwoCharacters() {
        assertThat(SyslogFormat.msgId("vigie.mail.queue.deferred-growth"))
                .isEqualTo("vigie.mail.queue.deferred-growth");
        assertThat(SyslogFormat.msgId("vigie.dmarc.legitimate-sender-failing"))
                .isEqualTo("dmarc.legitimate-sender-failing");
        assertThat(SyslogFormat.msgId("other.a-very-long-rule-identifier-beyond-the-limit"))
                .hasSize(32);
        assertThat(SyslogFormat.msgId(null)).isEqualTo("-");
    }

    @Test
    void shouldStillForwardWhatIsNotJsonWithTheRecordTime() {
        final String message = new String(
                format.message("not json".getBytes(StandardCharsets.UTF_8), 1_795_000_000_000L),
                StandardCharsets.UTF_8);

        assertThat(message).isEqualTo("<166>1 2026-11-18T11:06:40Z vigie-host vigie - - - not json");
    }

    @Test
    void shouldBackOffExponentiallyUpToTheCap() {
        final SyslogSettings settings = new SyslogSettings(
                true, "127.0.0.1", 6514, SyslogSettings.Protocol.TCP, null, null, SyslogSettings.LOCAL4, "vigie");
        try (SyslogForwarder forwarder = new SyslogForwarder(
                settings, new Properties(), "g", "alerts", new SimpleMeterRegistry(), Clock.systemUTC())) {
            assertThat(forwarder.backoff(1)).isEqualTo(Duration.ofSeconds(1));
            assertThat(forwarder.backoff(2)).isEqualTo(Duration.ofSeconds(2));
            assertThat(forwarder.backoff(4)).isEqualTo(Duration.ofSeconds(8));
            assertThat(forwarder.backoff(7)).isEqualTo(Duration.ofMinutes(1));
            assertThat(forwarder.backoff(1_000)).isEqualTo(Duration.ofMinutes(1));
        }
    }
}
