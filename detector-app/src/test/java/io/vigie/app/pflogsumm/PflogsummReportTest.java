package io.vigie.app.pflogsumm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.app.pflogsumm.PflogsummReport.Entry;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PflogsummReportTest {

    @Test
    void shouldParseTheFourListsOfTheRealgenReport() throws IOException {
        final PflogsummReport report = PflogsummCorpus.byName("realgen_mail").expected();

        assertThat(report.sendersByCount()).hasSize(20);
        assertThat(report.recipientsByCount()).hasSize(20);
        assertThat(report.sendersBySize()).hasSize(20);
        assertThat(report.recipientsBySize()).hasSize(20);
        assertThat(report.sendersByCount().get(0)).isEqualTo(new Entry(303, ' ', "m.leroy@chu-exemple.fr"));
        assertThat(report.recipientsByCount().get(0)).isEqualTo(new Entry(265, ' ', "sebastien.gerard@chu-exemple.fr"));
        // raw 11980660 bytes, printed by adj_int_units as 11699k
        assertThat(report.sendersBySize().get(0)).isEqualTo(new Entry(11699, 'k', "crh-noreply@chu-exemple.fr"));
        assertThat(report.sendersBySize().get(0))
                .isEqualTo(PflogsummReport.formatLikePflogsumm(11_980_660L, "crh-noreply@chu-exemple.fr"));
        assertThat(report.recipientsBySize().get(0)).isEqualTo(new Entry(9546, 'k', "anne.meyer@chu-exemple.fr"));
        assertThat(report.sendersByCount().get(19)).isEqualTo(new Entry(22, ' ', "marie.fernandez@aol.com"));
    }

    @Test
    void shouldParseShortListsAndMixedUnitsOfTheKdentReport() throws IOException {
        final PflogsummReport report =
                PflogsummCorpus.byName("kdent_postfix_log_analysis_mail").expected();

        assertThat(report.sendersByCount()).hasSize(20);
        assertThat(report.recipientsByCount()).hasSize(7);
        assertThat(report.sendersBySize()).hasSize(20);
        assertThat(report.recipientsBySize()).hasSize(7);
        assertThat(report.sendersByCount().get(0))
                .isEqualTo(new Entry(4, ' ', "NewScanInfo@newresults.newonlinescaninfo.com"));
        assertThat(report.recipientsByCount().get(0)).isEqualTo(new Entry(199, ' ', "jdent@seaglass.com"));
        // raw 963971 bytes -> 941k; the next one is below 512k and printed in bytes
        assertThat(report.sendersBySize().subList(0, 2))
                .containsExactly(
                        new Entry(941, 'k', "ron.martin@bonniercorp.com"),
                        new Entry(397651, ' ', "hatcherw@bales.info"));
        assertThat(report.recipientsBySize().get(0)).isEqualTo(new Entry(3160, 'k', "kdent@seaglass.com"));
        assertThat(report.recipientsBySize().get(6)).isEqualTo(new Entry(3618, ' ', "marcella@peek.org"));
    }

    @Test
    void shouldReturnEmptyListsWhenTheSectionsSayNone() throws IOException {
        final PflogsummReport report =
                PflogsummCorpus.byName("crowdsec-hub_postfix-helo").expected();

        assertThat(report.sendersByCount()).isEmpty();
        assertThat(report.recipientsByCount()).isEmpty();
        assertThat(report.sendersBySize()).isEmpty();
        assertThat(report.recipientsBySize()).isEmpty();
    }

    @Test
    void shouldParseEmptyAddressesMegabyteUnitsCrlfAndTitlesWithoutTopPrefix() {
        final String text = String.join(
                "\r\n",
                "Grand Totals",
                "------------",
                "",
                "top 20 Senders by message count",
                "-------------------------------",
                "      2   from=<>",
                "      1   John.Doe@example.net",
                "",
                "Recipients by message count",
                "---------------------------",
                "      1   ",
                "      1   0",
                "",
                "top 20 Senders by message size: none",
                "",
                "top 20 Recipients by message size",
                "---------------------------------",
                "   1536m  big@example.net",
                " 524288k  a b@example.net",
                " 524288   c@example.net",
                "",
                "message deferral detail: none",
                "");

        final PflogsummReport report = PflogsummReport.parse(text);

        assertThat(report.sendersByCount())
                .containsExactly(new Entry(2, ' ', "from=<>"), new Entry(1, ' ', "John.Doe@example.net"));
        assertThat(report.recipientsByCount()).containsExactly(new Entry(1, ' ', ""), new Entry(1, ' ', "0"));
        assertThat(report.sendersBySize()).isEmpty();
        assertThat(report.recipientsBySize())
                .containsExactly(
                        new Entry(1536, 'm', "big@example.net"),
                        new Entry(524288, 'k', "a b@example.net"),
                        new Entry(524288, ' ', "c@example.net"));
        assertThat(report.recipientsBySize().get(0).printed()).isEqualTo("   1536m  big@example.net");
    }

    @Test
    void shouldRejectReportsWithAMissingSection() {
        assertThatThrownBy(() -> PflogsummReport.parse("top 20 Senders by message count: none\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Recipients by message count");
    }

    @Test
    void shouldMirrorAdjIntUnitsAtItsBoundaries() {
        assertThat(PflogsummReport.formatLikePflogsumm(0, "a")).isEqualTo(new Entry(0, ' ', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(524_287, "a")).isEqualTo(new Entry(524_287, ' ', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(524_288, "a")).isEqualTo(new Entry(524_288, ' ', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(524_289, "a")).isEqualTo(new Entry(512, 'k', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(525_311, "a")).isEqualTo(new Entry(512, 'k', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(525_312, "a")).isEqualTo(new Entry(513, 'k', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(536_870_912L, "a")).isEqualTo(new Entry(524_288, 'k', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(536_870_913L, "a")).isEqualTo(new Entry(512, 'm', "a"));
        assertThat(PflogsummReport.formatLikePflogsumm(1_610_612_736L, "a")).isEqualTo(new Entry(1536, 'm', "a"));
    }

    @Test
    void shouldListEveryCorpusCaseWithAParsableExpectedOutput() throws IOException {
        final List<PflogsummCorpus.Case> cases = PflogsummCorpus.cases();

        assertThat(cases)
                .extracting(PflogsummCorpus.Case::name)
                .hasSize(17)
                .contains(
                        "realgen_mail", "realgen_mail.rfc3339", "kdent_postfix_log_analysis_mail2", "fail2ban_postfix");
        for (PflogsummCorpus.Case c : cases) {
            final PflogsummReport report = c.expected();
            // senders lists come from one hash, recipients lists from another: same sizes, at most 20
            assertThat(report.sendersByCount())
                    .as(c.name())
                    .hasSameSizeAs(report.sendersBySize())
                    .hasSizeLessThanOrEqualTo(20);
            assertThat(report.recipientsByCount())
                    .as(c.name())
                    .hasSameSizeAs(report.recipientsBySize())
                    .hasSizeLessThanOrEqualTo(20);
            assertThat(report.sendersByCount()).as(c.name()).allMatch(e -> e.unit() == ' ' && e.value() > 0);
            assertThat(report.recipientsByCount()).as(c.name()).allMatch(e -> e.unit() == ' ' && e.value() > 0);
        }
        // logs with a permissive license (and realgen) are committed next to their expected output
        final Set<String> committed = cases.stream()
                .filter(c -> c.log().isPresent() && c.log().get().startsWith(PflogsummCorpus.resourceDir()))
                .map(PflogsummCorpus.Case::name)
                .collect(Collectors.toSet());
        assertThat(committed)
                .containsExactlyInAnyOrder(
                        "crowdsec-hub_postfix-helo",
                        "crowdsec-hub_postfix-honeypot-users",
                        "crowdsec-hub_postfix-logs",
                        "crowdsec-hub_postfix-non-smtp",
                        "crowdsec-hub_postfix-relay",
                        "crowdsec-hub_postfix-sasl-bf",
                        "crowdsec-hub_postfix-spam",
                        "digineo_postfix_exporter_testdata_mail",
                        "whyscream_postfix-grok-patterns_test_data_lines",
                        "realgen_mail",
                        "realgen_mail.rfc3339");
        assertThat(PflogsummCorpus.byName("realgen_mail.rfc3339").sharedDataRelativePath())
                .isEqualTo("realgen/postfix/mail.rfc3339.log");
        assertThat(PflogsummCorpus.byName("kdent_postfix_log_analysis_mail").sharedDataRelativePath())
                .isEqualTo("postfix/kdent_postfix_log_analysis_mail.log");
    }
}
