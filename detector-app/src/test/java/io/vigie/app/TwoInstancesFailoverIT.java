package io.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.broker.BrokerProcess;
import io.vigie.app.dmarc.imap.RuaTestMailbox;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.app.proxy.UrlhausFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, several instances: two {@code vigie run} processes with one application id share an external Kafka (a
 * third process), the DMARC {@code rua} mailbox (a real Dovecot) and the URLhaus download (a local HTTP server). Each
 * single-instance duty runs on exactly one of them. Fed the realgen Postfix log, they are split: the one that reads
 * the mailbox is killed (SIGKILL) a third of the way through. The survivor must take over its partitions and its
 * duties: the log is processed to the end with what one engine gives (the day's four top-20 lists, the alerts by
 * rule and entity, no id twice), a report delivered to the mailbox after the kill is read and counted, and the
 * URLhaus feed is fetched by the survivor.
 */
@Timeout(900)
class TwoInstancesFailoverIT {

    private static final String POLLING = "vigie_dmarc_imap_polling{application=\"vigie\"}";
    private static final String DOWNLOADING = "vigie_intel_download_active{application=\"vigie\"}";
    private static final String DOWNLOADS = "vigie_intel_downloads_total{application=\"vigie\",outcome=\"ok\"}";
    private static final Duration PROCESS = Duration.ofMinutes(5);
    /** The dead member's session timeout (45 s by default), the rebalance, then a turn check (10 s): generous. */
    private static final Duration TAKEOVER = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void shouldGiveOneInstancesResultsAndHandEverythingToTheSurvivorWhenOneIsKilled() throws Exception {
        final Path log = PflogsummCorpus.byName("realgen_mail").log().orElseThrow();
        final List<String> lines = MailResults.lines(log);
        final UrlhausFeed feed = UrlhausFeed.serve("/csv/", true);
        try (RuaTestMailbox mailbox = RuaTestMailbox.start(dir.resolve("dovecot"));
                BrokerProcess broker = BrokerProcess.start(
                        Files.createDirectories(dir.resolve("broker")),
                        LoopbackServers.freePort(),
                        dir.resolve("broker.out"))) {
            final Map<String, String> env = new HashMap<>(mailbox.env());
            env.put("VIGIE_INTEL_URLHAUS_DOWNLOAD_URL", feed.url());
            env.put("VIGIE_INTEL_URLHAUS_DOWNLOAD_INTERVAL", "2s");
            try (VigieProcess a =
                            VigieProcess.start("a", dir.resolve("a"), broker.bootstrap(), env, dir.resolve("a.out"));
                    VigieProcess b =
                            VigieProcess.start("b", dir.resolve("b"), broker.bootstrap(), env, dir.resolve("b.out"))) {
                final MailResults expected =
                        MailResults.expected(log, VigieProcess.env(dir.resolve("analyze"), Map.of()));
                a.awaitHealthy();
                b.awaitHealthy();
                awaitSharing(broker.bootstrap(), a, b);
                final VigieProcess victim = a.metric(POLLING) == 1 ? a : b;
                final VigieProcess survivor = victim == a ? b : a;
                final boolean victimDownloaded = victim.metric(DOWNLOADING) == 1;

                MailResults.produce(broker.bootstrap(), lines);
                final long atKill =
                        VigieProcess.awaitCommitted(broker.bootstrap(), lines.size() / 3, PROCESS, List.of(a, b));
                victim.kill();
                final int requestsAtKill = feed.requests();
                final double survivorDownloadsAtKill = survivor.metric(DOWNLOADS);
                mailbox.deliverReport();

                // the duties: both on the survivor, which reads the report and fetches the feed
                EngineHttp.poll(
                        () -> survivor.metric(POLLING) + survivor.metric(DOWNLOADING),
                        sum -> sum == 2,
                        TAKEOVER,
                        survivor.name() + " did not take the mailbox and the download over",
                        sum -> survivor.outputTail());
                EngineHttp.poll(
                        () -> survivor.getJson("/api/dmarc/summary?domain=borschow.com&to=2019-02-12&days=1")
                                .path("domains")
                                .path(0)
                                .path("totals")
                                .path("messages")
                                .asLong(),
                        n -> n == 1,
                        TAKEOVER,
                        "the report delivered after the kill was not counted",
                        n -> mailbox.log());
                assertThat(mailbox.counts()).containsEntry("INBOX", 0).containsEntry("Vigie.Processed", 1);
                EngineHttp.poll(
                        () -> survivor.metric(DOWNLOADS),
                        n -> n > survivorDownloadsAtKill,
                        TAKEOVER,
                        survivor.name() + " never downloaded URLhaus after the kill",
                        n -> survivor.outputTail());
                assertThat(feed.requests())
                        .as("requests at the feed after the kill")
                        .isGreaterThan(requestsAtKill);

                final MailResults result = survivor.awaitResult(PROCESS);
                assertThat(atKill).as("killed with input left").isLessThan(2L * lines.size() / 3);
                assertThat(expected.top().get(VigieProcess.LISTS.get(0))).hasSize(20);
                assertThat(result.top()).isEqualTo(expected.top());
                assertThat(result.alertIds()).doesNotHaveDuplicates();
                assertThat(expected.ruleAndEntity()).isNotEmpty();
                assertThat(result.ruleAndEntity().stream().filter(alert -> !alert.startsWith("vigie.dmarc.")))
                        .as(survivor.outputTail())
                        .containsExactlyInAnyOrderElementsOf(expected.ruleAndEntity());

                // The assignment decides whether the download was on the mailbox's instance: most often it was not,
                // and it stayed on the survivor. The killed instance comes back (on its data directory), answers
                // the same lists from the global table, and whichever of the two then downloads is killed in turn.
                try (VigieProcess back = victim.restart(victim.name() + "-back", dir.resolve("back.out"))) {
                    back.awaitHealthy();
                    awaitSharing(broker.bootstrap(), back, survivor);
                    EngineHttp.poll(
                            back::topLists,
                            expected.top()::equals,
                            PROCESS,
                            back.name() + " never answered the lists from the global table");
                    final VigieProcess downloader = back.metric(DOWNLOADING) == 1 ? back : survivor;
                    final VigieProcess heir = downloader == back ? survivor : back;
                    final double heirDownloadingBefore = heir.metric(DOWNLOADING);
                    downloader.kill();
                    final int requestsAtSecondKill = feed.requests();
                    final double heirDownloadsAtKill = heir.metric(DOWNLOADS);
                    EngineHttp.poll(
                            () -> heir.metric(POLLING) + heir.metric(DOWNLOADING),
                            sum -> sum == 2,
                            TAKEOVER,
                            heir.name() + " did not take the download over",
                            sum -> heir.outputTail());
                    EngineHttp.poll(
                            () -> heir.metric(DOWNLOADS),
                            n -> n > heirDownloadsAtKill,
                            TAKEOVER,
                            heir.name() + " never downloaded URLhaus after the kill",
                            n -> heir.outputTail());
                    assertThat(heirDownloadingBefore)
                            .as(heir.name() + " did not download before the kill")
                            .isZero();
                    assertThat(feed.requests()).isGreaterThan(requestsAtSecondKill);
                    System.out.printf(
                            "TwoInstancesFailoverIT: first killed %s (mailbox%s), then %s (URLhaus)%n",
                            victim.name(), victimDownloaded ? " and URLhaus" : "", downloader.name());
                }
            }
        } finally {
            feed.close();
        }
    }

    /**
     * Waits until both instances are in the group with partitions of {@code raw.postfix}, and each single-instance
     * duty is on exactly one of them.
     */
    private static void awaitSharing(final String bootstrap, final VigieProcess a, final VigieProcess b)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            EngineHttp.poll(
                    () -> {
                        final Collection<MemberDescription> members;
                        try {
                            members = admin.describeConsumerGroups(List.of(VigieProcess.APPLICATION_ID))
                                    .all()
                                    .get(30, TimeUnit.SECONDS)
                                    .get(VigieProcess.APPLICATION_ID)
                                    .members();
                        } catch (final ExecutionException e) {
                            return "group not described: " + e.getCause();
                        }
                        final long withPostfix = members.stream()
                                .filter(m -> m.assignment().topicPartitions().stream()
                                        .anyMatch(p -> VigieProcess.RAW_POSTFIX.equals(p.topic())))
                                .count();
                        return withPostfix + " of " + members.size() + " members read raw.postfix; mailbox polled by "
                                + (a.metric(POLLING) + b.metric(POLLING)) + ", URLhaus downloaded by "
                                + (a.metric(DOWNLOADING) + b.metric(DOWNLOADING));
                    },
                    "2 of 2 members read raw.postfix; mailbox polled by 1.0, URLhaus downloaded by 1.0"::equals,
                    TAKEOVER,
                    "the two instances never shared the work",
                    state -> state + "\n" + a.outputTail() + "\n" + b.outputTail());
        }
    }
}
