package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * smtpd's failed SMTP AUTH warnings, in the forms Postfix has logged them ({@code smtpd_sasl_glue.c} and, in old
 * versions, {@code smtpd_sasl_proto.c}): the trace of password guessing that the SASL rules read.
 */
class PostfixParserAuthFailureTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEAD = "Nov 28 05:24:14 mx ";

    private final PostfixParser parser = new PostfixParser(CLOCK, ZoneOffset.UTC);

    private PostfixEvent ok(final String line) {
        final ParseResult<PostfixEvent> result = parser.parse(line);
        assertThat(result.isOk()).as("parsed %s, got %s", line, result).isTrue();
        return result.value();
    }

    @Test
    void shouldReadClientMethodAndReasonWhenNoLoginIsLogged() {
        // crowdsecurity/hub .tests/postfix-sasl-bf (MIT)
        final PostfixEvent e = ok("May 11 04:02:33 host1 postfix/smtpd[26897]: warning: unknown[203.0.113.42]: "
                + "SASL LOGIN authentication failed: authentication failure");

        assertThat(e.kind()).isEqualTo(PostfixKind.AUTH_FAILURE);
        assertThat(e.queueId()).isNull();
        assertThat(e.clientHost()).isEqualTo("unknown");
        assertThat(e.clientIp()).isEqualTo("203.0.113.42");
        assertThat(e.status()).isEqualTo("LOGIN");
        assertThat(e.detail()).isEqualTo("authentication failure");
        assertThat(e.saslUsername()).isNull();
        assertThat(e.service()).isEqualTo("smtpd");
        assertThat(e.pflogsummVisible()).isTrue();
    }

    @Test
    void shouldReadTheLoginTriedWhenNewerPostfixAppendsIt() {
        final PostfixEvent e = ok(HEAD + "postfix/submission/smtpd[2301]: warning: poste-7.example.net"
                + "[2001:db8:4:5::9]: SASL PLAIN authentication failed: authentication failure, "
                + "sasl_username=m.leroy@chu-exemple.fr");

        assertThat(e.kind()).isEqualTo(PostfixKind.AUTH_FAILURE);
        assertThat(e.clientHost()).isEqualTo("poste-7.example.net");
        assertThat(e.clientIp()).isEqualTo("2001:db8:4:5::9");
        assertThat(e.status()).isEqualTo("PLAIN");
        assertThat(e.detail()).isEqualTo("authentication failure");
        assertThat(e.saslUsername()).isEqualTo("m.leroy@chu-exemple.fr");
        assertThat(e.service()).isEqualTo("smtpd");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // crowdsecurity/hub .tests/postfix-honeypot-users (MIT): Postfix's own words when the SASL server gave
                // none
                "postfix/smtps/smtpd[16997]: warning: unknown[203.0.113.10]: SASL LOGIN authentication failed: (reason "
                        + "unavailable), sasl_username=postmaster@example.org|203.0.113.10|LOGIN|(reason unavailable)|"
                        + "postmaster@example.org",
                // the reason is the SASL server's last challenge, base64 for "Password:"
                "postfix/submission/smtpd[2302]: warning: unknown[198.51.100.23]: SASL PLAIN authentication failed: "
                        + "UGFzc3dvcmQ6|198.51.100.23|PLAIN|UGFzc3dvcmQ6|",
                // smtpd_client_port_logging = yes
                "postfix/smtpd[2303]: warning: unknown[198.51.100.24]:50412: SASL CRAM-MD5 authentication failed: "
                        + "PDQ4MTguMTc2NDMwOTY2MkBteC5jaHUtZXhlbXBsZS5mcj4=|198.51.100.24|CRAM-MD5|"
                        + "PDQ4MTguMTc2NDMwOTY2MkBteC5jaHUtZXhlbXBsZS5mcj4=|",
                // an old smtpd that wrote the mechanism as the client sent it, and no reason
                "postfix/smtpd[2304]: warning: mail.example.com[192.0.2.74]: SASL Plain authentication failed:|192.0.2.74|"
                        + "Plain||",
                // Postfix 2.x's smtpd_sasl_proto.c: no reason at all
                "postfix/smtpd[2305]: warning: unknown[192.0.2.75]: SASL LOGIN authentication failed|192.0.2.75|LOGIN||",
                // a login Postfix could not get from the SASL server
                "postfix/smtpd[2306]: warning: unknown[192.0.2.76]: SASL LOGIN authentication failed: (reason unavailable), "
                        + "sasl_username=(unavailable)|192.0.2.76|LOGIN|(reason unavailable)|",
                // a login without a domain, as Dovecot accepts them
                "postfix/smtps/smtpd[2307]: warning: unknown[192.0.2.77]: SASL LOGIN authentication failed: (reason "
                        + "unavailable), sasl_username=business|192.0.2.77|LOGIN|(reason unavailable)|business",
            })
    void shouldReadEveryFormPostfixHasLogged(
            final String tail, final String ip, final String method, final String reason, final String login) {
        final PostfixEvent e = ok(HEAD + tail);

        assertThat(e.kind()).isEqualTo(PostfixKind.AUTH_FAILURE);
        assertThat(e.clientIp()).isEqualTo(ip);
        assertThat(e.status()).isEqualTo(method);
        assertThat(e.detail()).isEqualTo(reason);
        assertThat(e.saslUsername()).isEqualTo(login);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Cyrus SASL's own warning, logged through smtpd: it names no client
                "postfix/smtpd[24226]: warning: SASL authentication failure: Password verification failed",
                "postfix/smtpd[2310]: warning: SASL authentication failure: cannot connect to saslauthd server: "
                        + "Permission denied",
                // the client gave up: not a wrong password
                "postfix/smtpd[2311]: warning: unknown[192.0.2.80]: SASL LOGIN authentication aborted",
                "postfix/submission/smtpd[2312]: warning: non-SMTP command from unknown[192.168.1.1]: GET / HTTP/1.1",
                "postfix/smtpd[2313]: warning: hostname x.example does not resolve to address 192.0.2.81",
                "postfix/smtpd[2314]: warning: unknown[192.0.2.82]: SASL LOGIN authentication failedx",
                "postfix/smtpd[2315]: warning: unknown[192.0.2.83: SASL LOGIN authentication failed: no bracket",
            })
    void shouldLeaveOtherWarningsAsOtherLines(final String tail) {
        final PostfixEvent e = ok(HEAD + tail);

        assertThat(e.kind()).isEqualTo(PostfixKind.OTHER);
        assertThat(e.clientIp()).isNull();
        assertThat(e.saslUsername()).isNull();
        assertThat(e.status()).isNull();
    }

    @Test
    void shouldNotTakeAnAuthFailureFromAMessageLine() {
        // the smtp client's failure against a relay has a queue id: about a message, not a login to this server
        final PostfixEvent e = ok(HEAD + "postfix/smtp[2320]: D0F29603B4: SASL authentication failed; server "
                + "relay.example.com[192.0.2.90] said: 535 5.7.8 Error: authentication failed: authentication failure");

        assertThat(e.kind()).isNotEqualTo(PostfixKind.AUTH_FAILURE);
        assertThat(e.queueId()).isEqualTo("D0F29603B4");
    }
}
