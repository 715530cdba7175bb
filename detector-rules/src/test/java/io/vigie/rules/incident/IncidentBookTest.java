package io.vigie.rules.incident;

import static io.vigie.rules.incident.IncidentAlerts.DELIVERED;
import static io.vigie.rules.incident.IncidentAlerts.LURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.IncidentsConfig;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.store.InMemoryState;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentBookTest {

    private static final Instant T = DELIVERED;
    private final IncidentBook book = new IncidentBook(
            IncidentsConfig.defaults(),
            UserMapping.of(List.of("chu-exemple.fr"))::accountOf,
            InternalNetworks.of("10.0.0.0/8"));
    private final InMemoryState<Incident> incidents = KeyedState.inMemory();
    private final InMemoryState<String> index = KeyedState.inMemory();

    private Incident feed(final Alert... alerts) {
        Incident last = null;
        for (final Alert alert : alerts) {
            final List<Incident> changed = book.onAlert(alert, incidents, index);
            last = changed.isEmpty() ? last : changed.get(0);
        }
        return last;
    }

    @Test
    void shouldGroupTheReportTheClickAndTheDownloadOfOneUserIntoOneIncident() {
        final Alert report = IncidentAlerts.reportedMail("alice@chu-exemple.fr", T.plus(Duration.ofHours(1)));
        final Alert click = IncidentAlerts.click("alice", "10.1.2.3", T.plus(Duration.ofMinutes(30)));
        final Alert download =
                IncidentAlerts.download("pc-alice", "10.1.2.3", "CHU\\alice", T.plus(Duration.ofMinutes(35)));

        final Incident incident = feed(report, click, download);

        assertThat(incidents.get(incident.id())).isEqualTo(incident);
        assertThat(incident.timeline())
                .extracting(TimelineEntry::alertId)
                .containsExactly(
                        click.event().id(),
                        download.event().id(),
                        report.event().id());
        assertThat(incident.entities().users()).containsExactly("alice");
        assertThat(incident.entities().hosts()).containsExactly("pc-alice");
        assertThat(incident.entities().ips()).containsExactly("10.1.2.3");
        assertThat(incident.entities().domains()).containsExactly(LURE);
        assertThat(incident.reportIds()).containsExactly("sha-alice@chu-exemple.fr");
        // reported at 10:00, but delivered at 09:00: the click at 09:30 is the sign she opened it
        assertThat(incident.firstSign())
                .isEqualTo(new FirstSign(
                        DELIVERED, click.timestamp(), "proxy", click.event().id(), click.message()));
        assertThat(incident.severity()).isEqualTo("high");
        assertThat(incident.status()).isEqualTo(Incident.OPEN);
        assertThat(incident.opened()).isEqualTo(click.timestamp());
        assertThat(incident.updated()).isEqualTo(report.timestamp());
        assertThat(incident.checklist())
                .extracting(ChecklistStep::id)
                .containsSubsequence(
                        "isolate:pc-alice",
                        "disable:alice",
                        "vpn:alice",
                        "sessions:alice",
                        "reset-logons:pc-alice",
                        "stored-credentials:pc-alice",
                        "backups",
                        "antivirus-fleet",
                        "purge-mail",
                        "third-parties",
                        "evidence");
        assertThat(incident.checklist())
                .filteredOn(s -> s.id().equals("sessions:alice"))
                .singleElement()
                .extracting(ChecklistStep::command)
                .asString()
                .contains("doveadm kick alice")
                .contains("Revoke-MgUserSignInSession -UserId alice@chu-exemple.fr");
        assertThat(incident.checklist()).noneMatch(s -> s.id().equals("escalate"));
    }

    @Test
    void shouldKeepAnotherUsersAlertAndAnInfrastructureAlertOutOfTheIncident() {
        final Incident alice = feed(IncidentAlerts.click("alice", "10.1.2.3", T));
        final Incident bob = feed(IncidentAlerts.download("pc-bob", "10.9.9.9", "bob", T.plusSeconds(60)));

        assertThat(bob.id()).isNotEqualTo(alice.id());
        assertThat(book.onAlert(IncidentAlerts.spoofing(T), incidents, index)).isEmpty();
        assertThat(incidents.get(alice.id()).timeline()).hasSize(1);
    }

    @Test
    void shouldNotFirstSignAClickBeforeTheDelivery() {
        final Incident incident = feed(
                IncidentAlerts.click("alice", "10.1.2.3", T.minusSeconds(60)),
                IncidentAlerts.reportedMail("alice@chu-exemple.fr", T.plusSeconds(3600)));

        assertThat(incident.timeline()).hasSize(2);
        assertThat(incident.firstSign()).isNull();
    }

    @Test
    void shouldListTheVpnSessionsACorrelationReportedInTheVpnStep() {
        final Instant start = T.plus(Duration.ofHours(2));
        final Incident incident =
                feed(IncidentAlerts.takeover("alice@chu-exemple.fr", T), IncidentAlerts.vpnSession("alice", start));

        assertThat(incident.timeline()).extracting(TimelineEntry::source).containsExactly("account", "correlation");
        assertThat(incident.vpnSessions())
                .containsExactly(
                        new VpnSessionSeen("alice", start.toString(), null, "198.51.100.23", "10.8.0.42", "vpn1"));
        assertThat(incident.checklist())
                .filteredOn(s -> s.id().equals("vpn:alice"))
                .singleElement()
                .extracting(ChecklistStep::text)
                .asString()
                .endsWith("known around the alerts: from 198.51.100.23 at " + start + " (given 10.8.0.42) on vpn1.");
        // the address the VPN gave links what it reached; the public one it came from links nothing: it is not ours
        assertThat(incident.entities().ips()).containsExactly("10.8.0.42");
    }

    @Test
    void shouldJoinAnAlertWithNoUserToTheIncidentOfWhoeverUsedItsAddressThen() {
        final Instant reset = T.plus(Duration.ofHours(3));
        final IncidentBook withIdentities = new IncidentBook(
                IncidentsConfig.defaults(),
                UserMapping.of(List.of("chu-exemple.fr"))::accountOf,
                InternalNetworks.of("10.0.0.0/8"),
                (address, time) -> address.equals("10.1.2.3") && time.isBefore(reset) ? List.of("alice") : List.of());
        final Incident alice = withIdentities
                .onAlert(IncidentAlerts.takeover("alice@chu-exemple.fr", T), incidents, index)
                .get(0);

        final Incident joined = withIdentities
                .onAlert(IncidentAlerts.click(null, "10.1.2.3", T.plusSeconds(600)), incidents, index)
                .get(0);
        assertThat(joined.id()).isEqualTo(alice.id());
        assertThat(joined.entities().ips()).containsExactly("10.1.2.3");

        // two days later (past the gap) the address is no longer hers: a new incident, and no account named
        final Incident other = withIdentities
                .onAlert(IncidentAlerts.click(null, "10.1.2.3", T.plus(Duration.ofDays(2))), incidents, index)
                .get(0);
        assertThat(other.id()).isNotEqualTo(alice.id());
        assertThat(other.entities().users()).isEmpty();
    }

    @Test
    void shouldListWhoLoggedOnToTheMachineAndTheAccountsVpnSessionsTheIdentitiesKnow() {
        final Instant vpnStart = T.minus(Duration.ofHours(3));
        final IncidentBook withIdentities = new IncidentBook(
                IncidentsConfig.defaults(),
                UserMapping.of(List.of("chu-exemple.fr"))::accountOf,
                InternalNetworks.of("10.0.0.0/8"),
                new IncidentBook.AccountsAt() {
                    @Override
                    public List<String> of(final String ipOrHost, final Instant time) {
                        return List.of();
                    }

                    @Override
                    public List<String> during(final String ipOrHost, final Instant from, final Instant to) {
                        // the incident's span, a session gap either side of its alert
                        return ipOrHost.equals("pc-alice")
                                        && from.equals(T.minus(Duration.ofHours(24)))
                                        && to.equals(T.plus(Duration.ofHours(24)))
                                ? List.of("alice", "adm-dupont")
                                : List.of();
                    }

                    @Override
                    public List<VpnSessionSeen> vpnSessions(
                            final String account, final Instant from, final Instant to) {
                        return account.equals("alice")
                                ? List.of(new VpnSessionSeen(
                                        "alice",
                                        vpnStart.toString(),
                                        T.minusSeconds(60).toString(),
                                        null,
                                        "10.8.0.6",
                                        null))
                                : List.of();
                    }
                });
        final Incident incident = withIdentities
                .onAlert(IncidentAlerts.download("pc-alice", "10.1.2.3", "alice", T), incidents, index)
                .get(0);

        assertThat(incident.checklist())
                .filteredOn(s -> s.id().equals("reset-logons:pc-alice"))
                .singleElement()
                .extracting(ChecklistStep::text)
                .asString()
                .endsWith("(known: alice, adm-dupont).");
        assertThat(incident.checklist())
                .filteredOn(s -> s.id().equals("vpn:alice"))
                .singleElement()
                .extracting(ChecklistStep::text)
                .asString()
                .endsWith("known around the alerts: at " + vpnStart + " until " + T.minusSeconds(60)
                        + " (given 10.8.0.6).");
        assertThat(incident.vpnSessions()).hasSize(1);
    }

    @Test
    void shouldListTheFleetsRecentServerDetectionsInEveryIncidentsAntivirusStep() {
        final InMemoryState<ServerDetections> fleet = KeyedState.inMemory();
        final Incident server = book.onAlert(IncidentAlerts.onServer("srv-files", T), incidents, index, fleet)
                .get(0);
        assertThat(server.checklist())
                .filteredOn(s -> s.id().equals("antivirus-fleet"))
                .singleElement()
                .extracting(ChecklistStep::text)
                .asString()
                .endsWith("detections on servers in the last 30 days: srv-files (" + T + ", this incident).");

        final Incident workstation = book.onAlert(
                        IncidentAlerts.download("pc-bob", "10.9.9.9", "bob", T.plus(Duration.ofDays(3))),
                        incidents,
                        index,
                        fleet)
                .get(0);
        assertThat(workstation.id()).isNotEqualTo(server.id());
        assertThat(workstation.checklist())
                .filteredOn(s -> s.id().equals("antivirus-fleet"))
                .singleElement()
                .extracting(ChecklistStep::text)
                .asString()
                .endsWith("srv-files (" + T + ", " + server.id() + ").");

        final Incident later = book.onAlert(
                        IncidentAlerts.download("pc-carol", "10.9.9.8", "carol", T.plus(Duration.ofDays(31))),
                        incidents,
                        index,
                        fleet)
                .get(0);
        assertThat(later.checklist())
                .filteredOn(s -> s.id().equals("antivirus-fleet"))
                .singleElement()
                .extracting(ChecklistStep::text)
                .asString()
                .as("past 30 days")
                .doesNotContain("srv-files");
    }

    @Test
    void shouldGiveStepsToTheFirstThirtyAccountsAndSayHowManyMoreForALargeCampaign() {
        final List<String> recipients = new java.util.ArrayList<>();
        for (int i = 0; i < 45; i++) {
            recipients.add("user" + i + "@chu-exemple.fr");
        }
        final Incident campaign = feed(IncidentAlerts.campaign(recipients, T));

        assertThat(campaign.entities().users()).hasSize(45);
        assertThat(campaign.checklist())
                .filteredOn(s -> s.id().startsWith("disable:"))
                .hasSize(30);
        assertThat(campaign.checklist())
                .filteredOn(s -> s.id().equals("the-others"))
                .singleElement()
                .extracting(ChecklistStep::text)
                .asString()
                .startsWith("Take the same steps for the 0 other machine(s) " + "and 15 other account(s)");
        assertThat(Incidents.SERDE.serializer().serialize("incidents", campaign).length)
                .isLessThan(256 * 1024);
    }

    @Test
    void shouldRiseToHighWhenTwoKindsOfEvidenceAgree() {
        final Incident click = feed(IncidentAlerts.click("alice", "10.1.2.3", T.minusSeconds(60)));
        assertThat(click.severity()).isEqualTo("medium");

        final Incident both = feed(IncidentAlerts.lookalike("alice@chu-exemple.fr", T));
        assertThat(both.id()).isEqualTo(click.id());
        assertThat(both.firstSign()).isNull();
        assertThat(both.severity()).isEqualTo("high");
    }

    @Test
    void shouldOpenANewIncidentAfterAQuietGap() {
        final Incident first = feed(IncidentAlerts.click("alice", "10.1.2.3", T));
        final Incident second = feed(IncidentAlerts.click("alice", "10.1.2.3", T.plus(Duration.ofHours(25))));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(incidents.get(first.id()).timeline()).hasSize(1);
    }

    @Test
    void shouldMergeTwoIncidentsThatAnAlertLinksIntoTheOlder() {
        final Incident alice = feed(IncidentAlerts.takeover("alice", T));
        final Incident machine = feed(IncidentAlerts.download("pc-042", "10.4.4.4", null, T.plusSeconds(60)));
        assertThat(machine.id()).isNotEqualTo(alice.id());

        final Alert link = IncidentAlerts.click("alice", "10.4.4.4", T.plusSeconds(120));
        final List<Incident> changed = book.onAlert(link, incidents, index);

        assertThat(changed).extracting(Incident::id).containsExactly(alice.id(), machine.id());
        final Incident merged = incidents.get(alice.id());
        assertThat(merged.timeline()).hasSize(3);
        assertThat(merged.entities().users()).containsExactly("alice");
        assertThat(merged.entities().hosts()).containsExactly("pc-042");
        assertThat(incidents.get(machine.id()).status()).isEqualTo(Incident.MERGED);
        assertThat(incidents.get(machine.id()).mergedInto()).isEqualTo(alice.id());
        // what the merged one was found by now leads to the older one
        final Incident later = feed(IncidentAlerts.download("pc-042", "10.4.4.4", null, T.plusSeconds(600)));
        assertThat(later.id()).isEqualTo(alice.id());
    }

    @Test
    void shouldBeCriticalAndSayToPhoneTheCertWhenAServerOrAnAdministratorIsInvolved() {
        final Incident server = feed(IncidentAlerts.onServer("srv-files", T));
        assertThat(server.severity()).isEqualTo("critical");
        assertThat(server.escalation()).singleElement().asString().contains("srv-files");
        assertThat(server.checklist().get(0).id()).isEqualTo("escalate");

        final Incident admin = feed(IncidentAlerts.takeover("adm-dupont", T.plus(Duration.ofDays(3))));
        assertThat(admin.severity()).isEqualTo("critical");
        assertThat(admin.escalation()).containsExactly("an administrator account is involved: adm-dupont");

        final Incident plain = feed(IncidentAlerts.takeover("dupont", T.plus(Duration.ofDays(6))));
        assertThat(plain.severity()).isEqualTo("high");
        assertThat(plain.escalation()).isEmpty();
    }

    @Test
    void shouldTickStepsCloseWhenAllAreDoneAndReopenOnANewAlert() {
        final Incident incident = feed(IncidentAlerts.takeover("alice", T));
        final Instant at = T.plusSeconds(300);

        final Incident ticked = book.onStep(
                        new StepUpdate(incident.id(), "disable:alice", true, "soc-nuit", at, "AD account disabled"),
                        incidents)
                .get(0);
        assertThat(ticked.checklist())
                .filteredOn(s -> s.id().equals("disable:alice"))
                .singleElement()
                .isEqualTo(new ChecklistStep(
                        "disable:alice", "Disable account alice.", null, true, "soc-nuit", at, "AD account disabled"));
        assertThat(ticked.status()).isEqualTo(Incident.OPEN);
        assertThat(book.onStep(new StepUpdate(incident.id(), "no-such-step", true, "x", at, null), incidents))
                .isEmpty();
        assertThat(book.onStep(new StepUpdate("INC-NONE", "backups", true, "x", at, null), incidents))
                .isEmpty();

        Incident last = ticked;
        for (final ChecklistStep step : ticked.checklist()) {
            last = book.onStep(new StepUpdate(incident.id(), step.id(), true, "soc-nuit", at, null), incidents)
                    .get(0);
        }
        assertThat(last.status()).isEqualTo(Incident.CLOSED);

        final Incident reopened = feed(IncidentAlerts.takeover("alice", T.plusSeconds(3600)));
        assertThat(reopened.id()).isEqualTo(incident.id());
        assertThat(reopened.status()).isEqualTo(Incident.OPEN);
        // the ticks survive the new alert
        assertThat(reopened.checklist()).allMatch(ChecklistStep::done);
    }

    @Test
    void shouldGiveTheSameIdsWhenTheSameAlertsAreReplayedAndIgnoreAnAlertSeenTwice() {
        final Alert click = IncidentAlerts.click("alice", "10.1.2.3", T);
        final Incident first = feed(click);
        assertThat(book.onAlert(click, incidents, index)).isEmpty();
        assertThat(incidents.get(first.id()).timeline()).hasSize(1);

        final IncidentBook replay = new IncidentBook(
                IncidentsConfig.defaults(),
                UserMapping.of(List.of("chu-exemple.fr"))::accountOf,
                InternalNetworks.of("10.0.0.0/8"));
        final List<Incident> again = replay.onAlert(click, KeyedState.inMemory(), KeyedState.inMemory());
        assertThat(again.get(0).id()).isEqualTo(first.id()).startsWith("INC-");
    }

    @Test
    void shouldCountAlertsPastTheTimelineLimitInsteadOfListingThem() {
        final IncidentBook small = new IncidentBook(
                new IncidentsConfig(Duration.ofHours(24), List.of(), 10, Duration.ofDays(90)),
                UserMapping.of(List.of())::accountOf,
                InternalNetworks.of("10.0.0.0/8"));
        Incident last = null;
        for (int i = 0; i < 13; i++) {
            last = small.onAlert(
                            IncidentAlerts.click("alice", "10.1.2.3", T.plusSeconds(i * 3600L + 1)), incidents, index)
                    .get(0);
        }
        assertThat(last.timeline()).hasSize(10);
        assertThat(last.alertsNotListed()).isEqualTo(3);
    }
}
