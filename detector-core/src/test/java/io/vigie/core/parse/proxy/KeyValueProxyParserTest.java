package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeyValueProxyParserTest {

    private final KeyValueProxyParser parser = new KeyValueProxyParser(ZoneOffset.UTC);

    @Test
    void shouldMapFortiProxyWebFilterRecordWhenUrlIsPathOnly() {
        final ProxyEvent e = Samples.event(parser.parse("time=10:28:09 devname=\"fpx01\" devid=\"FPX0000\""
                + " eventtime=1693384088834139124 tz=\"+0200\" logid=\"0317013312\" type=\"utm\" subtype=\"webfilter\""
                + " eventtype=\"ftgd_blk\" level=\"warning\" user=\"alice\" srcip=10.1.2.3 srcport=55464"
                + " dstip=192.0.2.10 dstport=443 service=\"HTTPS\" hostname=\"Bad.Example.org\" action=\"blocked\""
                + " method=\"domain\" url=\"/dl/payload.exe?x=1\" sentbyte=120 rcvdbyte=3400 agent=\"curl/8.0\""));

        assertThat(e.format()).isEqualTo("kv");
        assertThat(e.time()).isEqualTo(Instant.parse("2023-08-30T08:28:08.834139124Z"));
        assertThat(e.clientIp()).isEqualTo("10.1.2.3");
        assertThat(e.user()).isEqualTo("alice");
        assertThat(e.method()).as("method= is the rating method, not HTTP's").isNull();
        assertThat(e.scheme()).isEqualTo("https");
        assertThat(e.host()).isEqualTo("bad.example.org");
        assertThat(e.port()).isEqualTo(443);
        assertThat(e.path()).isEqualTo("/dl/payload.exe");
        assertThat(e.query()).isEqualTo("x=1");
        assertThat(e.url()).isEqualTo("https://bad.example.org/dl/payload.exe?x=1");
        assertThat(e.action()).isEqualTo("blocked");
        assertThat(e.blocked()).isTrue();
        assertThat(e.bytes()).isEqualTo(3400);
        assertThat(e.userAgent()).isEqualTo("curl/8.0");
        assertThat(e.refererKnown()).isFalse();
    }

    @Test
    void shouldMapFortiProxyHttpTransactionWithFullUrl() {
        final ProxyEvent e = Samples.event(parser.parse("date=2025-04-08 time=12:17:24 devname=\"fpx\""
                + " logid=\"1000234512\" type=\"traffic\" subtype=\"http-transaction\" srcip=10.0.0.9"
                + " clientip=10.24.22.19 dstport=443 hostname=\"example.com\""
                + " url=\"https://example.com/a/b?c=d\" statuscode=404 resplength=12 tz=\"+0200\""));

        assertThat(e.time()).isEqualTo(Instant.parse("2025-04-08T10:17:24Z"));
        assertThat(e.clientIp())
                .as("clientip= is the real client, srcip= may be a NAT")
                .isEqualTo("10.24.22.19");
        assertThat(e.url()).isEqualTo("https://example.com/a/b?c=d");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.bytes()).isEqualTo(12);
        assertThat(e.blocked()).isFalse();
    }

    @Test
    void shouldIgnoreFortiProxyRecordsThatAreNotWebAccesses() {
        assertThat(
                        Samples.ignored(
                                parser.parse(
                                        "time=12:17:25 devname=\"fw\" logid=\"1\" type=\"traffic\""
                                                + " subtype=\"forward\" srcip=1.2.3.4 dstip=5.6.7.8 dstport=53 service=\"DNS\" action=\"accept\"")))
                .isEqualTo(FortiProxyRecord.NOT_WEB);
        assertThat(Samples.ignored(parser.parse("time=12:16:41 devname=\"fpx\" logid=\"1\" type=\"event\""
                        + " subtype=\"user\" logdesc=\"Explicit proxy authentication successful\" user=\"bob\"")))
                .isEqualTo(FortiProxyRecord.NOT_WEB);
    }

    @Test
    void shouldReadCsvDoubledQuotesWhenFortiProxyLineWentThroughAnExport() {
        assertThat(Samples.ignored(parser.parse("time=12:05:11 devname=\"\"fpx\"\" logid=\"\"0419013452\"\""
                        + " type=\"\"utm\"\" subtype=\"\"ips\"\" srcip=1.2.3.4")))
                .isEqualTo(FortiProxyRecord.NOT_WEB);
    }

    @Test
    void shouldMapBlueCoatCimSyslogWhenPipeSeparated() {
        final ProxyEvent e = Samples.event(parser.parse(
                Samples.lines("apache-metron_BluecoatCIM_syslog.log").get(1)));

        assertThat(e.time())
                .as("date= with the header's time: time= is mangled")
                .isEqualTo(Instant.parse("2016-05-26T13:13:58Z"));
        assertThat(e.clientIp()).isEqualTo("101.220.217.131");
        assertThat(e.user()).isEqualTo("xyz789");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.host()).isEqualTo("www.urugskdh.com");
        assertThat(e.port()).isEqualTo(80);
        assertThat(e.path()).isEqualTo("/wp-content/plugins/contact-form-7/includes/js/jquery.form.min.js");
        assertThat(e.query()).isEqualTo("ver=2.51.9-2014.06.20");
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.action()).isEqualTo("TCP_MISS");
        assertThat(e.blocked()).isFalse();
        assertThat(e.bytes()).isEqualTo(6354);
        assertThat(e.contentType()).isEqualTo("application/javascript");
        assertThat(e.referer()).isEqualTo("http://www.taksatech.com/");
        assertThat(e.userAgent()).startsWith("Mozilla/5.0 (Windows NT 6.1; WOW64)");
        assertThat(e.durationMs()).isEqualTo(534);
    }

    @Test
    void shouldMarkBlueCoatCimDeniedConnectAsBlocked() {
        final ProxyEvent e = Samples.event(parser.parse(
                Samples.lines("apache-metron_BluecoatCIM_syslog.log").get(0)));

        assertThat(e.method()).isEqualTo("CONNECT");
        assertThat(e.url()).isEqualTo("casdf.thugyd.net:443");
        assertThat(e.scheme()).isEqualTo("https");
        assertThat(e.path()).isNull();
        assertThat(e.status()).isEqualTo(407);
        assertThat(e.blocked()).isTrue();
        assertThat(e.referer()).as("http_referrer=- means the request had none").isEmpty();
    }

    @Test
    void shouldMapEdgeSwgElffNamesWhenAfterSyslogHeader() {
        final ProxyEvent e = Samples.event(parser.parse("2024-02-01T08:00:05PROXY01.EXAMPLE.ORG bluecoat - access_log -"
                + " c-ip=10.9.8.7 rs-Content-Type=\"text/html;%20charset=UTF-8\"  cs-bytes=400 cs-host=www.example.net"
                + " cs-method=GET cs-uri-port=80 cs-uri-scheme=http cs-User-Agent=\"Mozilla/5.0 (X11)\""
                + " cs-username=carol s-action=TCP_NC_MISS sc-bytes=5120 sc-filter-result=OBSERVED sc-status=200"
                + " time-taken=42 cs-Referer=\"http://ref.example/\" cs-uri-path=/index.html cs-uri-query=\"?q=1\""));

        assertThat(e.time()).isEqualTo(Instant.parse("2024-02-01T08:00:05Z"));
        assertThat(e.clientIp()).isEqualTo("10.9.8.7");
        assertThat(e.user()).isEqualTo("carol");
        assertThat(e.url()).isEqualTo("http://www.example.net/index.html?q=1");
        assertThat(e.contentType()).isEqualTo("text/html");
        assertThat(e.userAgent()).isEqualTo("Mozilla/5.0 (X11)");
        assertThat(e.referer()).isEqualTo("http://ref.example/");
        assertThat(e.bytes()).isEqualTo(5120);
        assertThat(e.durationMs()).isEqualTo(42);
        assertThat(e.blocked()).isFalse();
    }

    @Test
    void shouldMapSkyhighWebGatewayRecordWithQuotedValues() {
        final ProxyEvent e = Samples.event(parser.parse("date=\"2023-05-01T10:00:00.500Z\" hostname=\"mwg\""
                + " username=\"dave\" source_ip=10.0.0.5 destination_ip=203.0.113.9 destination_host=\"files.example\""
                + " http_status_code=403 media_type=\"application/zip\" source_bytes=200 destination_bytes=900"
                + " http_request_first_line=\"GET http://files.example/a.zip HTTP/1.1\" block_id=10"
                + " block_reason=\"Blocked by URL filtering\" http_referer=\"\" user_agent=\"Wget/1.21\""));

        assertThat(e.time()).isEqualTo(Instant.parse("2023-05-01T10:00:00.500Z"));
        assertThat(e.user()).isEqualTo("dave");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("http://files.example/a.zip");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.blocked()).isTrue();
        assertThat(e.action()).isEqualTo("Blocked by URL filtering");
        assertThat(e.bytes()).isEqualTo(900);
        assertThat(e.contentType()).isEqualTo("application/zip");
        assertThat(e.withoutReferer()).isTrue();
    }

    @Test
    void shouldKeepSpacesInUnquotedValuesWhenSkyhighCloudWritesThem() {
        final ProxyEvent e = Samples.event(parser.parse("user_id=-1 username=erin source_ip=198.51.100.7"
                + " http_action=POST server_to_client_bytes=77 requested_host=upload.example"
                + " requested_path=/put?id=9 result=DENIED request_timestamp_epoch=1699464228 uri_scheme=https"
                + " category=Business, Software/Hardware http_status_code=403 client_ip=10.1.1.1"
                + " user_agent_comment=Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko destination_port=443 referer="));

        assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1699464228));
        assertThat(e.clientIp()).isEqualTo("10.1.1.1");
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.url()).isEqualTo("https://upload.example/put?id=9");
        assertThat(e.userAgent()).isEqualTo("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko");
        assertThat(e.blocked()).isTrue();
        assertThat(e.bytes()).isEqualTo(77);
        assertThat(e.withoutReferer()).isTrue();
    }

    @Test
    void shouldNotThrowWhenInputIsHostile() {
        assertThat(parser.parse("type=\"utm\" subtype=\"webfilter\" logid=1 url=\"/never-closed")
                        .isOk())
                .isTrue();
        assertThat(parser.parse("=value =x == \"\" type=utm").isOk()).isFalse();
        final ProxyEvent e = Samples.event(parser.parse("logid=1 type=traffic subtype=http-transaction srcip=1.2.3.4"
                + " hostname=h.example dstport=99999999999 rcvdbyte=lots statuscode=abc eventtime=notanumber"));
        assertThat(e.port()).isEqualTo(-1);
        assertThat(e.bytes()).isEqualTo(-1);
        assertThat(e.status()).isZero();
        assertThat(e.time()).isNull();
        final ParseResult<ProxyLine> huge =
                parser.parse("logid=1 type=utm subtype=webfilter url=" + "a".repeat(1 << 20));
        assertThat(huge.isOk()).isFalse();
        assertThat(huge.error().reason()).isEqualTo(KeyValueProxyParser.TOO_LONG);
        assertThat(parser.parse("just some words").error().reason()).isEqualTo(KeyValueProxyParser.NO_PAIRS);
        assertThat(parser.parse("a=1 b=2").error().reason()).isEqualTo(KeyValueProxyParser.UNKNOWN_DIALECT);
        assertThat(parser.parse("").error().reason()).isEqualTo(KeyValueProxyParser.EMPTY);
        assertThat(parser.parse(null).isOk()).isFalse();
    }
}
