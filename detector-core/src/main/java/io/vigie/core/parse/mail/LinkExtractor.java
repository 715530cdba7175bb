package io.vigie.core.parse.mail;

import io.vigie.core.model.ReportedMail.Link;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.core.net.UrlParts;
import io.vigie.core.parse.intel.IndicatorListParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the URLs of a mail's text and HTML parts: plain URLs, {@code href}/{@code src} attributes, URLs
 * hidden behind HTML entities, percent-encoding or defanging ({@code hxxp}, {@code [.]}), and the anchor
 * whose visible text names another host than its target. Normalised, de-duplicated, at most {@code maxUrls}.
 * Not thread-safe: one per analysed mail.
 */
final class LinkExtractor {

    private static final Pattern URL =
            Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\\x00-\\x1f\\x7f<>\"'`{}|\\\\^\\[\\]]+");
    private static final Pattern ANCHOR_OPEN = Pattern.compile("(?i)<a\\b([^<>]{0,8192})>");
    private static final Pattern ANCHOR_CLOSE = Pattern.compile("(?i)</a\\s*>");
    private static final int MAX_ANCHOR_TEXT = 4096;
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(?is)\\b(href|src|background|action)\\s*=\\s*(?:\"([^\"]{0,8192})\"|'([^']{0,8192})'|([^\\s>]{1,8192}))");
    /** A URL percent-encoded whole or from its scheme's colon on: a redirector's {@code ?u=https%3A%2F%2F...}. */
    private static final Pattern ENCODED_URL = Pattern.compile(
            "(?i)(?:\\b(?:https?|ftp)%3a%2f%2f|(?:%[0-9a-f]{2}){3,5}(?:%3a|:)(?:%2f|/){2})[^\\s<>\"'&]+");

    private static final Pattern TAG = Pattern.compile("<[^<>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});?");
    /** A link text that is itself an address: a URL, or a bare host name with an optional path. */
    private static final Pattern SHOWN_ADDRESS =
            Pattern.compile("(?i)^(?:(?:https?|ftp)://)?(?:www\\.)?[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,24}(?::\\d+)?"
                    + "(?:[/?#]\\S*)?$");

    private static final Map<String, String> NAMED_ENTITIES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "sol", "/", "colon", ":",
            "period", ".", "commat", "@");
    /** Longest text scanned per part, in characters; longer bodies are cut (and still bounded by maxUrls). */
    /**
     * Anchors examined for their visible text: each one without a closing tag costs a scan of its bounded
     * text, so a flood of them is cut here (their {@code href}s are still read by the attribute pass).
     */
    private static final int MAX_ANCHORS = 5_000;

    private static final int MAX_TEXT_CHARS = 4 * 1024 * 1024;

    private final int maxUrls;
    private final Map<String, Link> links = new LinkedHashMap<>();

    LinkExtractor(final int maxUrls) {
        this.maxUrls = maxUrls;
    }

    List<Link> links() {
        return List.copyOf(links.values());
    }

    void fromText(final String text) {
        scan(cut(text), "text");
    }

    void fromHtml(final String rawHtml) {
        final String html = withoutScripts(cut(rawHtml));
        // Opening and closing tags are searched apart, the next closing tag remembered: a lazy regex spanning
        // both would rescan the rest of the text for every unclosed anchor.
        final Matcher anchor = ANCHOR_OPEN.matcher(html);
        final Matcher close = ANCHOR_CLOSE.matcher(html);
        int nextClose = -1;
        int anchors = 0;
        while (anchor.find() && links.size() < maxUrls && ++anchors <= MAX_ANCHORS) {
            if (nextClose < anchor.end()) {
                if (!close.find(anchor.end())) {
                    break;
                }
                nextClose = close.start();
            }
            if (nextClose - anchor.end() > MAX_ANCHOR_TEXT) {
                continue;
            }
            final String href = attribute(anchor.group(1), "href");
            final String shown = visibleText(html.substring(anchor.end(), nextClose));
            final String target = href == null ? null : addAttributeUrl(href, shown);
            if (target != null && shown != null && looksLikeAddress(shown)) {
                final String shownUrl = UrlNormalizer.normalize(IndicatorListParser.refang(shown));
                if (shownUrl != null) {
                    add(shownUrl, "html-text", null);
                }
            }
        }
        final Matcher attribute = ATTRIBUTE.matcher(html);
        while (attribute.find() && links.size() < maxUrls) {
            addAttributeUrl(value(attribute), null);
        }
        final String visible = visibleText(html);
        if (visible != null) {
            scan(visible, "html-text");
        }
    }

    /** Adds the URL of an attribute value; returns its normalised form, or null when it is not a web URL. */
    private String addAttributeUrl(final String rawValue, final String shown) {
        String value = IndicatorListParser.refang(decodeEntities(rawValue).strip());
        if (value.startsWith("//")) {
            value = "http:" + value;
        }
        final String lower = value.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://"))) {
            scanDecoded(value, "html");
            return null;
        }
        final String url = normalize(value);
        if (url == null) {
            return null;
        }
        String shownAs = null;
        if (shown != null && looksLikeAddress(shown)) {
            final String shownHost = hostOf(UrlNormalizer.normalize(IndicatorListParser.refang(shown)));
            final String host = hostOf(url);
            if (shownHost != null && host != null && !withoutWww(shownHost).equals(withoutWww(host))) {
                shownAs = shown;
            }
        }
        add(url, "html", shownAs);
        scanDecoded(value, "html");
        return url;
    }

    /** URLs written in a text, then those an encoding hides (a redirector's {@code ?url=https%3A%2F%2F...}). */
    private void scan(final String text, final String where) {
        final String refanged = refangAll(text);
        final Matcher m = URL.matcher(refanged);
        while (m.find() && links.size() < maxUrls) {
            add(normalize(trimTrailing(m.group())), where, null);
        }
        scanDecoded(refanged, where);
    }

    private void scanDecoded(final String text, final String where) {
        if (text.indexOf('%') < 0) {
            return;
        }
        final Matcher encoded = ENCODED_URL.matcher(text);
        while (encoded.find() && links.size() < maxUrls) {
            if (encoded.group().indexOf('%') < 0) {
                continue;
            }
            final Matcher m = URL.matcher(refangAll(percentDecode(encoded.group())));
            if (m.lookingAt()) {
                add(normalize(trimTrailing(m.group())), where, null);
            }
        }
    }

    private void add(final String url, final String where, final String shownAs) {
        if (url == null) {
            return;
        }

        final Link previous = links.get(url);
        if (previous == null) {
            if (links.size() < maxUrls) {
                links.put(url, new Link(url, hostOf(url), where, shownAs));
            }
        } else if (previous.shownAs() == null && shownAs != null) {
            links.put(url, new Link(url, previous.host(), "html", shownAs));
        }
    }

    /** Normalised; a percent-encoded host ({@code http://%65vil.example/}) decoded first, as browsers do. */
    static String normalize(final String raw) {
        final int start = raw.indexOf("://") + 3;
        final int slash = raw.indexOf('/', Math.max(start, 0));
        final int end = slash < 0 ? raw.length() : slash;
        if (start > 2 && raw.substring(start, end).indexOf('%') >= 0) {
            return UrlNormalizer.normalize(
                    raw.substring(0, start) + percentDecode(raw.substring(start, end)) + raw.substring(end));
        }
        return UrlNormalizer.normalize(raw);
    }

    /** Bounded: a link text longer than any address is prose, and the pattern backtracks on long input. */
    private static boolean looksLikeAddress(final String shown) {
        return shown.length() <= 2048 && SHOWN_ADDRESS.matcher(shown).matches();
    }

    static String hostOf(final String url) {
        return url == null ? null : UrlNormalizer.host(UrlParts.of(url, "GET").host());
    }

    static boolean isIpHost(final String host) {
        return host != null
                && UrlParts.of("http://" + (host.contains(":") ? "[" + host + "]" : host) + "/", "GET")
                        .hostIsIp();
    }

    private static String withoutWww(final String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static String visibleText(final String html) {
        final String text = decodeEntities(TAG.matcher(html).replaceAll(" "))
                .replace('\u00a0', ' ')
                .strip();
        return text.isEmpty() ? null : text.replaceAll("\\s+", " ");
    }

    private static String attribute(final String attributes, final String name) {
        final Matcher m = ATTRIBUTE.matcher(attributes);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return value(m);
            }
        }
        return null;
    }

    private static String value(final Matcher m) {
        return m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
    }

    /** {@code hxxp}, {@code [.]}, {@code (.)}, {@code [:]} anywhere in a text, not only at its start. */
    private static String refangAll(final String text) {
        return text.replace("[.]", ".")
                .replace("(.)", ".")
                .replace("[:]", ":")
                .replace("[://]", "://")
                .replaceAll("(?i)\\bhxxp(s?)://", "http$1://")
                .replaceAll("(?i)\\bh\\*\\*p(s?)://", "http$1://");
    }

    static String decodeEntities(final String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        final Matcher m = ENTITY.matcher(text);
        final StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            final String name = m.group(1);
            String replacement = null;
            if (name.charAt(0) == '#') {
                try {
                    final int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                            ? Integer.parseInt(name.substring(2), 16)
                            : Integer.parseInt(name.substring(1));
                    if (Character.isValidCodePoint(code) && code != 0) {
                        replacement = new String(Character.toChars(code));
                    }
                } catch (final NumberFormatException ignored) {
                    replacement = null;
                }
            } else {
                replacement = NAMED_ENTITIES.get(name.toLowerCase(Locale.ROOT));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String percentDecode(final String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException malformed) {
            // A stray '%': decode the well-formed escapes only.
            final StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                final char c = text.charAt(i);
                if (c == '%'
                        && i + 2 < text.length()
                        && Character.digit(text.charAt(i + 1), 16) >= 0
                        && Character.digit(text.charAt(i + 2), 16) >= 0) {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    private static String trimTrailing(final String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)'\"*".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    /** Drops script and style elements; by index, as a lazy regex would be quadratic on unclosed tags. */
    private static String withoutScripts(final String html) {
        final String lower = html.toLowerCase(Locale.ROOT);
        if (lower.length() != html.length() || !lower.contains("<script") && !lower.contains("<style")) {
            return html;
        }
        final StringBuilder out = new StringBuilder(html.length());
        int from = 0;
        while (from < html.length()) {
            final int script = lower.indexOf("<script", from);
            final int style = lower.indexOf("<style", from);
            final int start = script < 0 ? style : style < 0 ? script : Math.min(script, style);
            if (start < 0) {
                break;
            }
            out.append(html, from, start).append(' ');
            final String close = start == script ? "</script" : "</style";
            final int end = lower.indexOf(close, start);
            from = end < 0 ? html.length() : end + close.length();
        }
        if (from < html.length()) {
            out.append(html, from, html.length());
        }
        return out.toString();
    }

    private static String cut(final String text) {
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }
}
