package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Main;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.core.serde.JsonSerde;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Look-alike sender domains on a real gateway's day: the realgen hospital log (23,202 lines, 70 sender
 * domains: webmails, suppliers, laboratories, other hospitals, agencies, and phishing), with the hospital's domain
 * and nineteen partner domains protected as a hospital would configure them. The one look-alike of the hospital's
 * domain in it, {@code chu-exemple-fr.com} (a campaign the gateway refused), is the only one reported at the default
 * minimum similarity; the imitation of the health insurer's {@code ameli.fr} by {@code secure-ameli-remboursement.com}
 * is added at 0.6, and nothing else is.
 */
class AnalyzeLookalikeSendersTest {

    private static final String PARTNERS = "ght-exemple.fr,ameli.fr,ugap.fr,biogroup.fr,cerballiance.fr,doctolib.fr,"
            + "urssaf.fr,aphp.fr,univ-exemple.fr,laposte.fr,orange-business.com,sante.gouv.fr,ars.sante.fr,"
            + "has-sante.fr,cegedim.fr,medtronic.com,philips.com,fresenius.fr,sodexo.com";

    private static List<String> lookalikeAlerts(final String minimumSimilarity) throws Exception {
        final Path log = PflogsummCorpus.byName("realgen_mail").log().orElseThrow();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        // realgen's workstations and servers are 127.10.0.0/16; the rest of 127/8 stands for the internet
        final CommandLine cli = new CommandLine(new Main(Map.of(
                "VIGIE_ORGANISATION_INTERNAL_DOMAINS",
                "chu-exemple.fr",
                "VIGIE_ORGANISATION_INTERNAL_NETWORKS",
                "127.10.0.0/16",
                "VIGIE_ORGANISATION_PARTNER_DOMAINS",
                PARTNERS,
                "VIGIE_MAIL_LOOKALIKE_MINIMUM_SIMILARITY",
                minimumSimilarity)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("analyze", "--source", "postfix", "--json", log.toString()))
                .as(err.toString())
                .isZero();
        final List<String> found = new ArrayList<>();
        for (final JsonNode alert : JsonSerde.MAPPER.readTree(out.toString()).path("alerts")) {
            if (alert.path("rule").path("id").asText().equals("vigie.mail.lookalike-sender")) {
                final JsonNode observed = alert.path("vigie").path("observed");
                found.add(alert.path("vigie").path("entity").asText() + " "
                        + observed.path("imitated_domain").asText() + " "
                        + observed.path("technique").asText() + " "
                        + alert.path("vigie").path("level").asText());
            }
        }
        return found;
    }

    @Test
    void shouldReportTheHospitalsLookalikeAndNothingElseAtTheDefaultMinimum() throws Exception {
        assertThat(lookalikeAlerts("0.75")).containsExactly("chu-exemple-fr.com chu-exemple.fr hyphenated high");
    }

    @Test
    void shouldAddTheInsurersImitationAndNothingElseAtALowerMinimum() throws Exception {
        assertThat(lookalikeAlerts("0.6"))
                .containsExactlyInAnyOrder(
                        "chu-exemple-fr.com chu-exemple.fr hyphenated high",
                        "secure-ameli-remboursement.com ameli.fr added-word medium");
    }
}
