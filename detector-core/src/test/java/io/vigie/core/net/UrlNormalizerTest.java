package io.vigie.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTP://Evil.EXAMPLE/Payload.exe | http://evil.example/Payload.exe",
                "http://evil.example:80/a | http://evil.example/a",
                "https://evil.example:443/a | https://evil.example/a",
                "http://evil.example:8080/a | http://evil.example:8080/a",
                "http://evil.example | http://evil.example/",
                "http://evil.example./a | http://evil.example/a",
                "http://user:pw@evil.example/a | http://evil.example/a",
                "http://evil.example/a/./b/../c | http://evil.example/a/c",
                "http://evil.example/a/b/.. | http://evil.example/a/",
                "http://evil.example/%7euser/%41%2f%2F | http://evil.example/~user/A%2F%2F",
                "http://evil.example/a%20b?x=%3c%3E | http://evil.example/a%20b?x=%3C%3E",
                "http://evil.example/a#fragment | http://evil.example/a",
                "http://évil.example/x | http://xn--vil-9la.example/x",
                "http://evil.example/é | http://evil.example/%C3%A9",
                "evil.example/dl/x.exe | http://evil.example/dl/x.exe",
                "http://117.209.87.242:60905/bin.sh | http://117.209.87.242:60905/bin.sh",
                "http://[2001:DB8::1]:8080/x | http://[2001:db8::1]:8080/x",
                "http://evil.example/?b=1&a=2 | http://evil.example/?b=1&a=2",
            })
    void normalisesTheWayFeedsAndProxiesMustAgree(final String raw, final String expected) {
        assertThat(UrlNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "http://",
                "http:///path",
                "http://evil.example/%zz",
                "http://evil.example/%4",
                "http://ev il.example/",
                "http://evil<script>.example/"
            })
    void refusesWhatIsNotAUrlWithAHost(final String raw) {
        assertThat(UrlNormalizer.normalize(raw)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Evil.Example. | evil.example",
                "[2001:db8::1] | 2001:db8::1",
                "BÜCHER.example | xn--bcher-kva.example",
                "10.0.0.1 | 10.0.0.1",
            })
    void normalisesHostNames(final String raw, final String expected) {
        assertThat(UrlNormalizer.host(raw)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void neverThrowsOnAVeryLongOrOddUrl() {
        assertThat(UrlNormalizer.normalize("http://a.example/" + "x".repeat(10_000)))
                .isNull();
        assertThat(UrlNormalizer.normalize("http://a.example/\u0000\uD83D\uDE00"))
                .isEqualTo("http://a.example/%00%F0%9F%98%80");
    }
}
