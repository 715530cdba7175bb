package io.vigie.rules.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.proxy.ProxyLineParsers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The realgen Squid scenario (copied into test resources, free to copy per the data MANIFEST): every log line
 * paired with the ground-truth labels of the request that produced it, and the destination context the topology
 * would have built over the day.
 */
final class RealgenSquid {

    /** One request as logged, with its labels. */
    record Labelled(int seq, ProxyEvent event, Set<String> labels) {}

    private static final String DIR = "/realgen/squid/";
    private static final ProxyLineParsers COMBINED = ProxyLineParsers.forSource("combined");
    private static final ProxyLineParsers NATIVE = ProxyLineParsers.forSource("squid");

    private RealgenSquid() {}

    /** The combined log (with Referer, without content type), paired with the labels. */
    static List<Labelled> combined() {
        final List<String> lines = lines("access_combined.log");
        final Map<String, Deque<JsonNode>> byKey = requestsByKey();
        final List<Labelled> out = new ArrayList<>();
        for (final String line : lines) {
            final ProxyEvent e = COMBINED.parse(line, ProxyLineParsers.State.INITIAL)
                    .result()
                    .value()
                    .event();
            final Deque<JsonNode> candidates = byKey.get(key(e.clientIp(), e.url(), e.referer()));
            if (candidates == null || candidates.isEmpty()) {
                throw new IllegalStateException("no ground-truth request for " + line);
            }
            // Squid logs at completion, so lines are not in request order; among requests with the same client,
            // URL and Referer the first one sent is taken, which is the first one logged up to ties that do not
            // matter (such requests share their labels)
            final JsonNode r = candidates.removeFirst();
            final Set<String> labels = new HashSet<>();
            r.get("labels").forEach(l -> labels.add(l.asText()));
            out.add(new Labelled(r.get("seq").asInt(), e, Set.copyOf(labels)));
        }
        return out;
    }

    /**
     * The same requests as the native log records them: Squid wrote both logs line for line, so line i of one is
     * line i of the other; the native event carries the content type and a null Referer.
     */
    static List<Labelled> nativeFormat(final List<Labelled> combined) {
        final List<String> lines = lines("access.log");
        if (lines.size() != combined.size()) {
            throw new IllegalStateException("access.log and access_combined.log differ in length");
        }
        final List<Labelled> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final ProxyEvent n = NATIVE.parse(lines.get(i), ProxyLineParsers.State.INITIAL)
                    .result()
                    .value()
                    .event();
            final Labelled c = combined.get(i);
            if (!n.clientIp().equals(c.event().clientIp())
                    || !n.url().equals(c.event().url())) {
                throw new IllegalStateException("line " + (i + 1) + " differs between the two logs");
            }
            out.add(new Labelled(c.seq(), n, c.labels()));
        }
        return out;
    }

    /** Distinct clients and first contact per host over the whole file, as the topology keeps them over a day. */
    static Map<String, DestinationContext> destinations(final List<Labelled> requests) {
        final Map<String, Set<String>> clients = new HashMap<>();
        final Map<String, Instant> first = new HashMap<>();
        for (final Labelled r : requests) {
            final ProxyEvent e = r.event();
            if (e.host() == null) {
                continue;
            }
            clients.computeIfAbsent(e.host(), h -> new HashSet<>()).add(e.clientIp());
            first.merge(e.host(), e.time(), (a, b) -> a.isBefore(b) ? a : b);
        }
        final Map<String, DestinationContext> out = new HashMap<>();
        clients.forEach((host, set) -> out.put(host, new DestinationContext(set.size(), first.get(host))));
        return out;
    }

    private static Map<String, Deque<JsonNode>> requestsByKey() {
        final JsonNode truth;
        try (InputStream in = resource("ground_truth.json")) {
            truth = new ObjectMapper().readTree(in);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final Map<String, Deque<JsonNode>> byKey = new HashMap<>();
        for (final JsonNode r : truth.get("requests")) { // in seq order
            String url = r.get("url").asText();
            final boolean tunnel = url.startsWith("https://");
            if (tunnel) {
                // the client sent CONNECT host:443; the Referer, if any, travelled inside the tunnel
                final String authority = url.substring("https://".length()).split("/", 2)[0];
                url = authority.contains(":") ? authority : authority + ":443";
            }
            final String referer =
                    tunnel || r.get("referer").isNull() ? "" : r.get("referer").asText();
            byKey.computeIfAbsent(key(r.get("client").asText(), url, referer), k -> new ArrayDeque<>())
                    .add(r);
        }
        return byKey;
    }

    private static String key(final String client, final String url, final String referer) {
        return client + ' ' + url + ' ' + referer;
    }

    private static List<String> lines(final String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(final String name) {
        final InputStream in = RealgenSquid.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + DIR + name);
        }
        return in;
    }
}
