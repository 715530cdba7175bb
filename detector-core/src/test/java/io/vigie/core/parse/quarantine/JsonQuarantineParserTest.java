package io.vigie.core.parse.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * ECS records written here. The vendor records are written here after the shapes of the SEKOIA intake-format
 * samples in shared/data (no licence, so not copied): same keys, our own values.
 */
class JsonQuarantineParserTest {

    private final JsonQuarantineParser parser = new JsonQuarantineParser();

    private QuarantineEvent event(final String raw) {
        final ParseResult<QuarantineLine> r = parser.parse(raw);
        assertThat(r.isOk()).as("parsed: %s", raw).isTrue();
        assertThat(r.value().isEvent()).as("event: %s", r.value()).isTrue();
        return r.value().event();
    }

    @Test
    void shouldReadEveryEcsField() {
        final QuarantineEvent e = event("{\"@timestamp\":\"2026-11-28T08:12:44Z\",\"email\":{\"from\":{\"address\":"
                + "[\"X@Evil.example\"]},\"to\":{\"address\":[\"a@chu-exemple.fr\",\"b@chu-exemple.fr\"]},"
                + "\"subject\":\"Colis n°42 « urgent »\",\"message_id\":\"<m@evil.example>\",\"attachments\":["
                + "{\"file\":{\"name\":\"scan.iso\",\"hash\":{\"sha256\":\"01BA4719C80B6FE911B091A7C05124B64EEECE964E"
                + "09C058EF8F9805DACA546B\"}}},{\"file\":{\"name\":\"b.txt\"}}]},"
                + "\"event\":{\"action\":\"quarantined\",\"reason\":\"malware\"},\"rule\":{\"name\":\"ISO-ATTACH\"},"
                + "\"url.domain\":[\"https://login.evil.example/x\",\"cdn.evil.example\"]}");

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44Z"));
        assertThat(e.source()).isEqualTo("json");
        assertThat(e.reason()).isEqualTo("MALWARE");
        assertThat(e.threat()).isEqualTo("ISO-ATTACH");
        assertThat(e.sender()).isEqualTo("x@evil.example");
        assertThat(e.recipients()).containsExactly("a@chu-exemple.fr", "b@chu-exemple.fr");
        assertThat(e.subject()).isEqualTo("Colis n°42 « urgent »");
        assertThat(e.messageId()).isEqualTo("m@evil.example");
        assertThat(e.attachments()).containsExactly("01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b");
        assertThat(e.attachmentNames()).containsExactly("scan.iso", "b.txt");
        assertThat(e.urlDomains()).containsExactly("login.evil.example", "cdn.evil.example");
    }

    @Test
    void shouldIgnoreWhenActionIsDelivery() {
        assertThat(parser.parse("{\"event\":{\"action\":\"delivered\"}}")
                        .value()
                        .ignoredBecause())
                .isEqualTo("action delivered");
        assertThat(parser.parse("{\"a\":1}").value().isEvent()).isFalse();
    }

    @Test
    void shouldUseCustomMapping() {
        final JsonQuarantineParser custom = new JsonQuarantineParser(new JsonQuarantineMapping(
                "ts", "from", "to", "subj", null, null, null, null, "verdict", null, null, null));

        final QuarantineEvent e = custom.parse("{\"ts\":1795853564,\"from\":\"a@b.example\",\"to\":\"c@d.example;"
                        + " e@f.example\",\"subj\":\"s\",\"verdict\":\"Blocked\"}")
                .value()
                .event();

        assertThat(e.reason()).isEqualTo("BLOCKED");
        assertThat(e.recipients()).containsExactly("c@d.example", "e@f.example");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44Z"));
    }

    @Test
    void shouldReadTrendMicroQuarantinedThroughWrapper() {
        final QuarantineEvent e = event("{\"input\":{\"message\":\"{\\\"action\\\":\\\"Quarantined\\\","
                + "\\\"mailID\\\":\\\"id-1\\\",\\\"sender\\\":\\\"s@x.example\\\",\\\"recipient\\\":\\\"r@chu-exemple.fr"
                + "\\\",\\\"subject\\\":\\\"Hi\\\",\\\"timestamp\\\":\\\"2026-11-28T08:00:00Z\\\",\\\"messageID\\\":"
                + "\\\"<m@x.example>\\\",\\\"embeddedUrls\\\":[\\\"https://bad.example/p\\\"]}\"}}");

        assertThat(e.reason()).isEqualTo("QUARANTINED");
        assertThat(e.queueId()).isEqualTo("id-1");
        assertThat(e.recipients()).containsExactly("r@chu-exemple.fr");
        assertThat(e.urlDomains()).containsExactly("bad.example");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    }

    @Test
    void shouldReadMimecastAvAndIgnoreDelivery() {
        final QuarantineEvent e = event("{\"processingId\":\"p1\",\"eventType\":\"av\",\"virusFound\":\"Troj.X\","
                + "\"fileName\":\"a.docm\",\"sha256\":\"01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b"
                + "\",\"senderEnvelope\":\"s@x.example\",\"recipients\":\"r@chu-exemple.fr\",\"timestamp\":1795853564000,"
                + "\"messageId\":\"m@x.example\",\"subject\":\"Devis\"}");

        assertThat(e.reason()).isEqualTo("INFECTED");
        assertThat(e.threat()).isEqualTo("Troj.X");
        assertThat(e.attachmentNames()).containsExactly("a.docm");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44Z"));
        assertThat(parser.parse("{\"processingId\":\"p\",\"type\":\"delivery\"}")
                        .value()
                        .isEvent())
                .isFalse();
    }

    @Test
    void shouldReadProofpointDiscard() {
        final QuarantineEvent e = event("{\"ts\":\"2026-11-28T01:12:44.000000-0700\",\"envelope\":{\"from\":"
                + "\"s@x.example\",\"rcpts\":[\"ceo@chu-exemple.fr\"]},\"msg\":{\"normalizedHeader\":{\"subject\":"
                + "[\"Virement\"],\"message-id\":[\"m@x.example\"]}},\"filter\":{\"qid\":\"q1\",\"disposition\":"
                + "\"discard\",\"actions\":[{\"module\":\"spam\",\"rule\":\"phish\",\"action\":\"discard\","
                + "\"isFinal\":true}]}}");

        assertThat(e.reason()).isEqualTo("DISCARD");
        assertThat(e.threat()).isEqualTo("phish");
        assertThat(e.subject()).isEqualTo("Virement");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44Z"));
    }
}
