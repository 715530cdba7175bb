package io.vigie.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPartsTest {

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // url | method | scheme | host | port | path | query
                "http://yahoo.co.jp/|GET|http|yahoo.co.jp|80|/|null",
                "https://Example.COM./a/b?x=1&y=2#frag|GET|https|example.com|443|/a/b|x=1&y=2",
                "ftp://files.example.org/pub|GET|ftp|files.example.org|21|/pub|null",
                "http://example.com:8080/x|GET|http|example.com|8080|/x|null",
                "http://user:secret@example.com/x|GET|http|example.com|80|/x|null",
                "http://example.com?q=1|GET|http|example.com|80|/|q=1",
                "http://example.com|GET|http|example.com|80|/|null",
                "http://example.com:/x|GET|http|example.com|80|/x|null",
                "http://[2001:db8::1]:8443/x|GET|http|2001:db8::1|8443|/x|null",
                "http://[2001:DB8::1]/x|GET|http|2001:db8::1|80|/x|null",
                "/index.html?a=b|GET|null|null|-1|/index.html|a=b",
                "example.com/x|GET|http|example.com|80|/x|null",
                "login.office-demo.com:443|CONNECT|https|login.office-demo.com|443|null|null",
                "1.2.3.4:80|CONNECT|tunnel|1.2.3.4|80|null|null",
                "[2001:db8::1]:443|CONNECT|https|2001:db8::1|443|null|null",
                "2001:db8::1|CONNECT|https|2001:db8::1|443|null|null",
                "bob@mail.example.com:993|CONNECT|tunnel|mail.example.com|993|null|null",
                "https://example.com:443|CONNECT|https|example.com|443|null|null",
                "example.com|CONNECT|https|example.com|443|null|null",
                "example.com:70000|CONNECT|tunnel|example.com|-1|null|null",
                "example.com:0|CONNECT|tunnel|example.com|-1|null|null",
                "http://example.com:99999/x|GET|http|example.com|-1|/x|null",
                "http://example.com:8o/x|GET|http|example.com|-1|/x|null",
                "error:method-not-allowed|CONNECT|null|null|-1|null|null",
                "error:transaction-end-before-headers|-|null|null|-1|null|null",
            })
    void shouldSplitUrlAsProxiesLogIt(
            final String url,
            final String method,
            final String scheme,
            final String host,
            final int port,
            final String path,
            final String query) {
        final UrlParts parts = UrlParts.of(url, method);

        assertThat(parts).isEqualTo(new UrlParts(scheme, host, port, path, query));
    }

    @ParameterizedTest
    @CsvSource({"http://1.2.3.4/,true", "http://[::1]/,true", "http://example.com/,false"})
    void shouldTellIpLiteralHosts(final String url, final boolean ip) {
        assertThat(UrlParts.of(url, "GET").hostIsIp()).isEqualTo(ip);
    }
}
