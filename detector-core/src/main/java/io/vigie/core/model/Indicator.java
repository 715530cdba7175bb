package io.vigie.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A threat indicator: a URL, a host name or an IP address known to be malicious, from a feed (URLhaus), a
 * list of the hospital's own (a CERT bulletin), an analyst, or another detection. What the {@code
 * intel.indicators} topic carries and what the proxy traffic is matched against.
 *
 * @param kind      what {@code value} is
 * @param value     normalised: a URL by {@code UrlNormalizer}, a host in lower-case ASCII (punycode), an IP in
 *                  canonical form, a file's SHA-256 in lower-case hex
 * @param source    where it comes from: {@code urlhaus}, {@code list}, {@code analyst}, {@code detection:<rule>}
 * @param reference the feed entry or bulletin it comes from (URLhaus link, bulletin id, alert id), may be null
 * @param threat    what it is: {@code malware_download}, {@code phishing}..., may be null
 * @param tags      the feed's tags (malware families, file types)
 * @param status    the feed's status ({@code online}, {@code offline}), may be null
 * @param added     when the source added it
 * @param seenBy    the client that revealed it (an indicator from a detection on that host): the retro-hunt
 *                  looks for the other hosts; null when none
 */
public record Indicator(
        Kind kind,
        String value,
        String source,
        String reference,
        String threat,
        List<String> tags,
        String status,
        Instant added,
        String seenBy) {

    public Indicator {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** What an indicator designates; its key prefix keeps kinds apart in one table. */
    public enum Kind {
        URL("url:"),
        HOST("host:"),
        IP("ip:"),
        HASH("sha256:");

        private final String prefix;

        Kind(final String prefix) {
            this.prefix = prefix;
        }

        public String key(final String value) {
            return prefix + value;
        }
    }

    /** The table key: kind and value, e.g. {@code host:evil.example}. */
    public String key() {
        return kind.key(value);
    }
}
