package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopListsExactnessTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldLetASenderEnterTheTopAndEvictTheLastWhenItOvertakesIt() {
        try (MailFlowDriver flow = new MailFlowDriver(PostfixMailFlowTest.config(2), stateDir)) {
            int qid = 0x10000;
            final List<String> lines = new ArrayList<>();
            for (final String[] senderAndCount :
                    new String[][] {{"a@x.org", "3"}, {"b@x.org", "2"}, {"c@x.org", "1"}}) {
                for (int i = 0; i < Integer.parseInt(senderAndCount[1]); i++) {
                    lines.addAll(List.of(PostfixMailFlowTest.inboundMessage(
                            Integer.toHexString(qid++).toUpperCase(),
                            "10:00:00",
                            senderAndCount[0],
                            10,
                            "r@chu-exemple.fr")));
                }
            }
            flow.lines(lines.toArray(String[]::new));
            flow.tick(Duration.ofSeconds(2));
            assertThat(flow.latestSnapshots().get("period").all().sendersByCount())
                    .extracting(TopEntry::address)
                    .containsExactly("a@x.org", "b@x.org");

            for (int i = 0; i < 3; i++) {
                flow.lines(PostfixMailFlowTest.inboundMessage(
                        Integer.toHexString(qid++).toUpperCase(), "10:05:00", "c@x.org", 10, "r@chu-exemple.fr"));
            }
            flow.tick(Duration.ofSeconds(2));
            final TopSnapshot period = flow.latestSnapshots().get("period");
            assertThat(period.all().sendersByCount())
                    .containsExactly(new TopEntry("c@x.org", 4, 40), new TopEntry("a@x.org", 3, 30));
        }
    }

    @Test
    void shouldBreakTiesLikePflogsummWhenCountsAreEqual() {
        try (MailFlowDriver flow = new MailFlowDriver(PostfixMailFlowTest.config(20), stateDir)) {
            flow.lines(PostfixMailFlowTest.inboundMessage("ABC01", "10:00:00", "zed@aaa.org", 10, "r@chu-exemple.fr"));
            flow.lines(PostfixMailFlowTest.inboundMessage("ABC02", "10:00:00", "amy@zzz.org", 10, "r@chu-exemple.fr"));
            flow.lines(PostfixMailFlowTest.inboundMessage("ABC03", "10:00:00", "bob@aaa.com", 10, "r@chu-exemple.fr"));
            flow.tick(Duration.ofSeconds(2));
            // keys: orgaaazed, orgzzzamy, comaaabob
            assertThat(flow.latestSnapshots().get("period").all().sendersByCount())
                    .extracting(TopEntry::address)
                    .containsExactly("bob@aaa.com", "zed@aaa.org", "amy@zzz.org");
        }
    }
}
