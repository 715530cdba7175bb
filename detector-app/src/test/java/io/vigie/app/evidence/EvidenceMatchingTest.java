package io.vigie.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.AuthSession;
import io.vigie.core.serde.JsonSerde;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the subject's users, hosts, alerts, mails and VPN lines are recognised. */
class EvidenceMatchingTest {

    @Test
    void shouldMatchAUserHoweverTheAccountIsWritten() {
        final SubjectScope alice = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.USER, "alice"));

        assertThat(alice.matchesUser("ALICE")).isTrue();
        assertThat(alice.matchesUser("HOPITAL\\alice")).isTrue();
        assertThat(alice.matchesUser("alice@hopital.example")).isTrue();
        assertThat(alice.matchesUser("malice")).isFalse();
        assertThat(alice.matchesUser("alice.martin")).isFalse();
        assertThat(alice.matchesUser("-")).isFalse();
        assertThat(alice.matchesUser(null)).isFalse();

        final SubjectScope address =
                SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.USER, "Alice@Hopital.example"));
        assertThat(address.matchesUser("alice")).isTrue();
        assertThat(address.matchesUser("alice@hopital.example")).isTrue();
        assertThat(address.matchesUser("alice@evil.example")).isFalse();
    }

    @Test
    void shouldMatchAHostByNameOrAddressButNotByPrefix() {
        final SubjectScope ip = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.HOST, "10.20.0.14"));
        assertThat(ip.matchesHost("10.20.0.14")).isTrue();
        assertThat(ip.matchesHost("10.20.0.140")).isFalse();
        assertThat(ip.ips()).containsExactly("10.20.0.14");

        final SubjectScope name = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.HOST, "PC-14"));
        assertThat(name.matchesHost("pc-14.hopital.local")).isTrue();
        assertThat(name.matchesHost("pc-14")).isTrue();
        assertThat(name.matchesHost("pc-140")).isFalse();
        assertThat(name.matchesHost("10.20.0.14")).isFalse();
    }

    @Test
    void shouldTakeTheSubjectOfAnIncidentFromItsEntities() throws Exception {
        final SubjectScope scope = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.INCIDENT, "INC-1"));
        scope.addIncident(json("{\"id\":\"INC-1\",\"entities\":{\"users\":[\"bob\"],\"hosts\":[\"pc-15\"],"
                + "\"ips\":[\"10.20.0.15\"],\"addresses\":[\"carol@hopital.example\"]},\"alerts\":[\"a1\"],"
                + "\"timeline\":[{\"alert_id\":\"t1\"},{\"alert_id\":\"t2\"}],\"first_sign\":{\"alert_id\":\"f1\"},"
                + "\"report_ids\":[\"" + "AB".repeat(32) + "\",\"../../etc\"]}"));

        assertThat(scope.matchesUser("bob")).isTrue();
        assertThat(scope.matchesUser("carol")).isTrue();
        assertThat(scope.matchesHost("10.20.0.15")).isTrue();
        assertThat(scope.matchesHost("pc-15")).isTrue();
        assertThat(scope.hasAlert("a1")).isTrue();
        assertThat(scope.hasAlert("t2")).isTrue();
        assertThat(scope.hasAlert("f1")).isTrue();
        assertThat(scope.hasAlert("x9")).isFalse();
        assertThat(scope.reportIds()).containsExactly("ab".repeat(32));
    }

    @Test
    void shouldMatchAlertsByIdUserSourceAndRelatedFields() throws Exception {
        final SubjectScope host = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.HOST, "10.20.0.14"));
        assertThat(AlertMatching.matches(json("{\"source\":{\"ip\":\"10.20.0.14\"}}"), host))
                .isTrue();
        assertThat(AlertMatching.matches(json("{\"related\":{\"ip\":[\"1.2.3.4\",\"10.20.0.14\"]}}"), host))
                .isTrue();
        assertThat(AlertMatching.matches(json("{\"related\":{\"hosts\":[\"10.20.0.14\"]}}"), host))
                .isTrue();
        assertThat(AlertMatching.matches(
                        json("{\"related\":{\"ip\":[\"10.20.0.15\"]},\"user\":{\"name\":" + "\"10.20.0.14x\"}}"), host))
                .isFalse();

        final SubjectScope user = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.USER, "alice"));
        assertThat(AlertMatching.matches(json("{\"user\":{\"email\":\"alice@hopital.example\"}}"), user))
                .isTrue();
        assertThat(AlertMatching.matches(json("{\"user\":{\"name\":\"alice\"}}"), user))
                .isTrue();
        assertThat(AlertMatching.matches(json("{\"related\":{\"user\":[\"bob\",\"alice\"]}}"), user))
                .isTrue();
        assertThat(AlertMatching.matches(json("{\"related\":{\"user\":[\"bob\"]},\"message\":\"alice\"}"), user))
                .isFalse();

        final SubjectScope incident = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.INCIDENT, "I"));
        incident.addAlertId("a1");
        assertThat(AlertMatching.matches(json("{\"event\":{\"id\":\"a1\"}}"), incident))
                .isTrue();
        assertThat(AlertMatching.matches(json("{\"event\":{\"id\":\"a2\"}}"), incident))
                .isFalse();

        assertThat(AlertMatching.reportIds(json("{\"vigie\":{\"observed\":{\"report_id\":\"x\"}}}")))
                .containsExactly("x");
    }

    @Test
    void shouldFindAUserNameInAVpnLineAsAWordOnly() {
        assertThat(VpnEvidence.containsWord("openvpn[1]: alice/203.0.113.9:51234 multi", "alice"))
                .isTrue();
        assertThat(VpnEvidence.containsWord("user 'alice'.", "alice")).isTrue();
        assertThat(VpnEvidence.containsWord("user=hopital\\alice", "alice")).isTrue();
        assertThat(VpnEvidence.containsWord("user malice logged in", "alice")).isFalse();
        assertThat(VpnEvidence.containsWord("user alice2 logged in", "alice")).isFalse();
        assertThat(VpnEvidence.containsWord("user alice.martin logged in", "alice"))
                .isFalse();
        assertThat(VpnEvidence.containsWord("user x-alice logged in", "alice")).isFalse();
    }

    @Test
    void shouldTakeTheVpnLinesOfAParsedSessionOfTheUserOrOfTheAddressItWasGiven(@TempDir final Path dir)
            throws Exception {
        final Function<String, Optional<AuthSession>> parser = line -> line.startsWith("session ")
                ? Optional.of(new AuthSession(
                        Instant.parse("2026-12-06T09:10:00Z"),
                        "test",
                        AuthSession.Kind.START,
                        line.split(" ")[1],
                        "203.0.113.9",
                        line.split(" ")[2],
                        null,
                        null,
                        null,
                        "vpn1"))
                : Optional.empty();
        final SubjectScope host = SubjectScope.of(new EvidenceSubject(EvidenceSubject.Kind.HOST, "10.8.0.6"));
        final ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 100_000)) {
            try (LineEvidence vpn = new LineEvidence(archive, "vpn")) {
                new VpnEvidence(parser, host, vpn)
                        .accept(new ConsumerRecord<>(
                                "raw.auth",
                                0,
                                7L,
                                "vpn1",
                                "session alice 10.8.0.6\nsession bob 10.8.0.7\nalice 10.8.0.6 unparsed\n"
                                        .getBytes(StandardCharsets.UTF_8)));
            }
            archive.writeZip(zip);
        }
        final Map<String, byte[]> files = EvidenceZips.read(zip.toByteArray());

        assertThat(new String(files.get("vpn/lines.log"), StandardCharsets.UTF_8))
                .isEqualTo("session alice 10.8.0.6\n");
        final JsonNode event = JsonSerde.MAPPER.readTree(files.get("vpn/events.jsonl"));
        assertThat(event.path("event").path("user").asText()).isEqualTo("alice");
        assertThat(event.path("kafka").path("offset").asLong()).isEqualTo(7L);
    }

    @Test
    void shouldReadTheRecipientsOfAReportedMail() {
        assertThat(MailEvidence.recipients(
                        EvidenceMails.phishing("Alice <alice@hopital.example>, bob@hopital.example")))
                .containsExactly("alice@hopital.example", "bob@hopital.example");
        assertThat(MailEvidence.recipients("not a mail at all".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void shouldRefuseABlankOrControlCharacterSubject() {
        assertThatThrownBy(() -> new EvidenceSubject(EvidenceSubject.Kind.USER, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--user");
        assertThatThrownBy(() -> new EvidenceSubject(EvidenceSubject.Kind.HOST, "pc\n14"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvidenceSubject(EvidenceSubject.Kind.INCIDENT, "x".repeat(321)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode json(final String s) throws Exception {
        return JsonSerde.MAPPER.readTree(s);
    }
}
