package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CefProxyParserTest {

    private final CefProxyParser parser = new CefProxyParser(ZoneOffset.UTC);

    @Test
    void shouldMapWebExtensionKeysWhenLineHasSyslogHeaderAndCefPrefix() {
        final ProxyEvent e = Samples.event(parser.parse("<134>Feb  3 09:00:00 swg01 CEF:0|Acme|Web Gateway|2.1|100"
                + "|Transaction blocked|7|act=blocked src=10.2.3.4 suser=frank dhost=evil.example dpt=8080"
                + " request=http://evil.example:8080/x.js?a\\=b requestMethod=GET requestClientApplication=Mozilla/5.0"
                + " (Windows NT 10.0) Firefox/120.0 rt=1653557213000 out=512 in=90 cs3Label=ContentType"
                + " cs3=application/javascript; charset=utf-8 cn1Label=Status cn1=403"
                + " requestContext=https://ref.example/"));

        assertThat(e.format()).isEqualTo("cef");
        assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1653557213000L));
        assertThat(e.clientIp()).isEqualTo("10.2.3.4");
        assertThat(e.user()).isEqualTo("frank");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).as("\\= unescaped").isEqualTo("http://evil.example:8080/x.js?a=b");
        assertThat(e.host()).isEqualTo("evil.example");
        assertThat(e.port()).isEqualTo(8080);
        assertThat(e.query()).isEqualTo("a=b");
        assertThat(e.userAgent())
                .as("a value runs to the next key=")
                .isEqualTo("Mozilla/5.0 (Windows NT 10.0) Firefox/120.0");
        assertThat(e.bytes())
                .as("out: destination to source, i.e. to the client")
                .isEqualTo(512);
        assertThat(e.contentType()).isEqualTo("application/javascript");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.action()).isEqualTo("blocked");
        assertThat(e.blocked()).isTrue();
        assertThat(e.referer()).isEqualTo("https://ref.example/");
    }

    @Test
    void shouldReadForcepointLinesWithoutCefPrefix() {
        final ProxyEvent e = Samples.event(parser.parse(" 0|Forcepoint|Security|8.5.5|220|Transaction permitted|1|"
                + " act=permitted app=https dhost=intranet.example dpt=443 src=192.168.1.20 suser=LDAP://dc1"
                + " OU\\=Staff,DC\\=corp/Jean Dupont requestMethod=CONNECT request=https://intranet.example:443"
                + " rt=2025-08-22T14:30:00Z out=2048 refererUrl=-"));

        assertThat(e.time()).isEqualTo(Instant.parse("2025-08-22T14:30:00Z"));
        assertThat(e.user()).isEqualTo("LDAP://dc1 OU=Staff,DC=corp/Jean Dupont");
        assertThat(e.method()).isEqualTo("CONNECT");
        assertThat(e.host()).isEqualTo("intranet.example");
        assertThat(e.port()).isEqualTo(443);
        assertThat(e.path()).isNull();
        assertThat(e.blocked()).isFalse();
        assertThat(e.withoutReferer()).as("refererUrl=- : the request had none").isTrue();
    }

    @Test
    void shouldUnescapePipesAndBackslashesInHeader() {
        final ProxyEvent e = Samples.event(parser.parse("CEF:0|Ven\\|dor|Prod\\\\uct|1|2|name|3|src=1.1.1.1"
                + " request=http://a.example/ rt=Feb 03 2024 09:00:00"));

        assertThat(e.url()).isEqualTo("http://a.example/");
        assertThat(e.time()).as("CEF's own MMM dd yyyy date").isEqualTo(Instant.parse("2024-02-03T09:00:00Z"));
        assertThat(e.refererKnown()).as("no referer key: the format has none").isFalse();
    }

    @Test
    void shouldReadCefDatesWithAOneDigitOrPaddedDayAndAFraction() {
        final String line = "CEF:0|Vendor|Proxy|1|2|name|3|src=1.1.1.1 request=http://a.example/ rt=";
        assertThat(Samples.event(parser.parse(line + "Jan 7 2019 03:38:06")).time())
                .isEqualTo(Instant.parse("2019-01-07T03:38:06Z"));
        assertThat(Samples.event(parser.parse(line + "Jan  7 2019 03:38:06")).time())
                .as("a day padded with a space, as syslog pads it")
                .isEqualTo(Instant.parse("2019-01-07T03:38:06Z"));
        assertThat(Samples.event(parser.parse(line + "Jan 17 2019 03:38:06.250"))
                        .time())
                .isEqualTo(Instant.parse("2019-01-17T03:38:06.250Z"));
        assertThat(Samples.event(parser.parse(line + "Jan 32 2019 03:38:06")).time())
                .as("not a date: the event keeps no time rather than a wrong one")
                .isNull();
    }

    @Test
    void shouldNotThrowWhenInputIsHostile() {
        assertThat(parser.parse("CEF:0|only|three").error().reason()).isEqualTo(CefProxyParser.BAD_HEADER);
        assertThat(parser.parse("CEF:0|a|b|c|d|e").error().reason()).isEqualTo(CefProxyParser.BAD_HEADER);
        assertThat(parser.parse("not cef at all").error().reason()).isEqualTo(CefProxyParser.BAD_HEADER);
        assertThat(parser.parse("CEF:0|a|b|c|d|e|f|" + "x".repeat(1 << 20))
                        .error()
                        .reason())
                .isEqualTo(CefProxyParser.TOO_LONG);
        final ProxyEvent e = Samples.event(parser.parse(
                "CEF:0|a|b|c|d|e|f|=nokey dpt=http out=-5 in=9x" + " request=http://h.example/ trailing\\"));
        assertThat(e.port()).isEqualTo(80);
        assertThat(e.bytes()).isEqualTo(-1);
        assertThat(Samples.event(parser.parse("CEF:0|a|b|c|d|e|f|")).url()).isNull();
    }
}
