package io.vigie.core.parse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.ParseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What the golden files cannot show: limits, zones and years, and the format names. */
class AuthParsersTest {

    private static final AuthParsers PARSERS = AuthGoldenTest.PARSERS;

    @Test
    void shouldNameEveryFormatWhenAsked() {
        assertThat(PARSERS.formats()).containsExactlyInAnyOrder("openvpn", "strongswan", "anyconnect", "json");
        assertThat(PARSERS.parser("fortigate")).isEmpty();
    }

    @Test
    void shouldRefuseALineOverTheLimitWhenItIsSentToTheDeadLetters() {
        final String line = "Dec  1 08:00:02 vpn1 openvpn[1234]: " + "x".repeat(AuthFields.MAX_LINE_LENGTH);

        final ParseResult<AuthLine> result = PARSERS.auto(line);

        assertThat(result.isOk()).isFalse();
        assertThat(result.error().reason()).isEqualTo("line too long");
        assertThat(result.error().source()).isEqualTo("auth");
    }

    @Test
    void shouldRefuseANullLineWithoutThrowing() {
        assertThat(PARSERS.auto(null).error().reason()).isEqualTo("empty line");
        assertThat(PARSERS.parser("json").orElseThrow().parse(null).error().reason())
                .isEqualTo("empty line");
    }

    @Test
    void shouldReadSyslogAndAsaTimesInTheConfiguredZoneWhenTheyHaveNone() {
        final AuthParsers paris = new AuthParsers(
                ZoneId.of("Europe/Paris"), Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneId.of("UTC")));

        final AuthSession openVpn = paris.auto("Dec  1 09:00:02 vpn1 openvpn[1234]: 203.0.113.5:51234 [alice] "
                        + "Peer Connection Initiated with [AF_INET]203.0.113.5:51234")
                .value()
                .session();
        final AuthSession asa = paris.auto("<166>Dec 01 2026 09:10:00 asa1 : %ASA-6-113039: Group <GP-VPN> "
                        + "User <bob> IP <198.51.100.50> AnyConnect parent session started.")
                .value()
                .session();
        final AuthSession json = paris.auto("{\"user\":\"carol\",\"start\":\"2026-12-01 09:00:00\"}")
                .value()
                .session();

        assertThat(openVpn.time()).isEqualTo(Instant.parse("2026-12-01T08:00:02Z"));
        assertThat(asa.time()).isEqualTo(Instant.parse("2026-12-01T08:10:00Z"));
        assertThat(json.start()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void shouldGiveADecemberLineLastYearWhenReadInJanuary() {
        final AuthParsers january =
                new AuthParsers(ZoneId.of("UTC"), Clock.fixed(Instant.parse("2027-01-02T00:30:00Z"), ZoneId.of("UTC")));

        final AuthSession end = january.auto("Dec 31 23:59:00 vpn2 charon: 12[IKE] deleting IKE_SA ikev2-eap[3] "
                        + "between 192.0.2.1[vpn]...203.0.113.7[alice]")
                .value()
                .session();

        assertThat(end.end()).isEqualTo(Instant.parse("2026-12-31T23:59:00Z"));
        assertThat(end.kind()).isEqualTo(AuthSession.Kind.END);
    }

    @Test
    void shouldKeepTheNamedFormatsReasonWhenALineOfAnotherFormatIsGivenToIt() {
        final String asa = "Dec  1 09:00:00 asa1 %ASA-6-113039: Group <GP-VPN> User <alice> IP <203.0.113.9> "
                + "AnyConnect parent session started.";

        assertThat(PARSERS.parser("openvpn").orElseThrow().parse(asa).error().reason())
                .isEqualTo("not an OpenVPN line");
        assertThat(PARSERS.parser("strongswan").orElseThrow().parse(asa).error().reason())
                .isEqualTo("not a strongSwan line");
        assertThat(PARSERS.parser("json").orElseThrow().parse(asa).error().reason())
                .isEqualTo("not a JSON object");
    }
}
