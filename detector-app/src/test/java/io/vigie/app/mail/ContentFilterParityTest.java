package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.pflogsumm.PflogsummReport;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Postfix 3.7 with a real amavisd-new in front of it ({@code src/test/resources/content-filter/}, its README
 * says how the logs were made): every mail shows under two queue ids, and Vigie must count it once. Log A logs the
 * re-injection as {@code postfix/10025/smtpd}, log B under the main name, both with XFORWARD; log C without XFORWARD,
 * under the main name. The same seeded traffic went through all three.
 *
 * <p>The oracle is pflogsumm on the log without the hops to the filter, where it counts what it should: every
 * recipient's final deliveries and, for A, each sender once (for B, pflogsumm counts the re-injected copy's sender
 * too; its lists without the hops and the re-injection lines are A's, checked when the data was made). The ground
 * truth of the traffic generator gives each sender's direction. The same count through the engine is
 * {@link ContentFilterParityIT}.
 */
class ContentFilterParityTest {

    private static final String INTERNAL_DOMAIN = "chu-exemple.fr";

    @TempDir
    Path work;

    private static Path resource(final String name) {
        try {
            return Path.of(ContentFilterParityTest.class
                    .getClassLoader()
                    .getResource("content-filter/" + name)
                    .toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hospital of the data: its domain, and its workstations' network (the fake internet is on loopback). */
    private static Path config(final Path work) throws IOException {
        final Path config = work.resolve("vigie.yaml");
        Files.writeString(
                config,
                "organisation:\n  internal-domains: [" + INTERNAL_DOMAIN + "]\n"
                        + "  internal-networks: [10.20.0.0/24]\n",
                StandardCharsets.UTF_8);
        return config;
    }

    private JsonNode analyze(final String log, final String... options) throws Exception {
        return analyze(work, log, options);
    }

    /** {@code vigie analyze} of one of the logs, with the data's organisation written in {@code work}. */
    static JsonNode analyze(final Path work, final String log, final String... options) throws Exception {
        final String[] args = new String[options.length + 2];
        args[0] = "--config";
        args[1] = config(work).toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return AnalyzePflogsummParityTest.analyze(resource("postfix-amavis-" + log + ".log"), args);
    }

    static PflogsummReport pflogsumm(final String name) throws IOException {
        return PflogsummReport.read(resource(name + ".pflogsumm.txt"));
    }

    @ParameterizedTest(name = "log {0}")
    @ValueSource(strings = {"A", "B"})
    void shouldCountEachMailOnceWhereAContentFilterShowsItTwice(final String log) throws Exception {
        final JsonNode report = analyze(log);

        AnalyzePflogsummParityTest.assertPrintsLists(
                "content filter " + log, pflogsumm("postfix-amavis-A.without-filter-hops"), report);
        assertThat(report.path("stats").path("dlq").asLong()).isZero();
    }

    @ParameterizedTest(name = "log {0}")
    @ValueSource(strings = {"A", "B"})
    void shouldKeepEachSendersDirectionThroughTheFilter(final String log) throws Exception {
        // inbound mail re-injected from loopback must not look like a local submission, nor internal mail inbound
        final JsonNode top = analyze(log).path("top20");
        final Truth truth = Truth.read(resource("ground-truth-" + log + ".json"));

        assertThat(top.path("inbound").path("senders_by_count")).isNotEmpty().allSatisfy(entry -> {
            assertThat(truth.inboundSenders).contains(entry.path("address").asText());
            assertThat(entry.path("messages").asLong())
                    .isEqualTo(truth.accepted.get(entry.path("address").asText()));
        });
        assertThat(top.path("outbound").path("senders_by_count")).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.path("address").asText()).endsWith("@" + INTERNAL_DOMAIN);
            assertThat(entry.path("messages").asLong())
                    .isEqualTo(truth.accepted.get(entry.path("address").asText()));
        });
        assertThat(top.path("outbound")
                        .path("senders_by_count")
                        .get(0)
                        .path("address")
                        .asText())
                .isEqualTo("c.bernard@chu-exemple.fr");
        assertThat(top.path("inbound").path("recipients_by_count"))
                .allSatisfy(entry -> assertThat(entry.path("address").asText()).endsWith("@" + INTERNAL_DOMAIN));
    }

    @Test
    void shouldCountTheReinjectedSendersTwiceWithoutXforwardUnderTheMainName() throws Exception {
        // The documented limit: re-injected from loopback with nothing to tell it from a local program submitting
        // mail, the copy's sender counts again (as pflogsumm counts it); its deliveries, the final ones, count once.
        final JsonNode all = analyze("C").path("top20").path("all");
        final PflogsummReport doubled = pflogsumm("postfix-amavis-C");
        final PflogsummReport withoutHops = pflogsumm("postfix-amavis-C.without-filter-hops");

        assertThat(all.path("senders_by_count").get(0).path("address").asText()).isEqualTo("c.bernard@chu-exemple.fr");
        assertThat(all.path("senders_by_count").get(0).path("messages").asLong())
                .isEqualTo(160);
        assertThat(doubled.sendersByCount().get(0).printed()).contains("160").contains("c.bernard@chu-exemple.fr");
        assertThat(all.path("recipients_by_count").get(0).path("messages").asLong())
                .isEqualTo(Long.parseLong(
                        withoutHops.recipientsByCount().get(0).printed().trim().split("\\s+")[0]));
    }

    /** What the traffic generator sent: accepted messages per sender, and which senders came from outside. */
    private record Truth(Map<String, Long> accepted, Set<String> inboundSenders) {

        static Truth read(final Path file) throws IOException {
            final JsonNode root = JsonSerde.MAPPER.readTree(file.toFile());
            final Map<String, Long> accepted = new HashMap<>();
            root.path("accepted_messages_per_sender")
                    .fields()
                    .forEachRemaining(e -> accepted.put(e.getKey(), e.getValue().asLong()));
            final Set<String> inbound = new HashSet<>();
            root.path("messages").forEach(message -> {
                if ("inbound".equals(message.path("kind").asText())) {
                    inbound.add(message.path("sender").asText());
                }
            });
            return new Truth(accepted, inbound);
        }
    }
}
