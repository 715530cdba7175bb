package io.vigie.rules.incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response sheet's containment checklist, written with an incident's own entities. Step ids are stable
 * ({@code isolate:pc-0042}), so a step an analyst ticked stays ticked when later alerts add entities and steps.
 */
final class Checklist {

    /**
     * Machines and accounts that get steps of their own; past them one step says how many more. A campaign to
     * hundreds of recipients would otherwise make the incident's record larger than a topic takes (1 MiB), and a
     * record the broker refuses stops the engine.
     */
    static final int MAX_WITH_STEPS = 30;

    private Checklist() {}

    /**
     * @param logons   the accounts known to have used each machine around the incident
     * @param previous the incident's checklist so far (ticks kept; steps no longer generated are kept too: an
     *                 analyst's tick is never lost)
     */
    static List<ChecklistStep> of(
            final String incidentId,
            final IncidentEntities entities,
            final List<String> escalation,
            final boolean mail,
            final List<String> servers,
            final List<VpnSessionSeen> vpnSessions,
            final Map<String, List<String>> logons,
            final List<ChecklistStep> previous) {
        final List<ChecklistStep> steps = new ArrayList<>();
        if (!escalation.isEmpty()) {
            steps.add(ChecklistStep.todo(
                    "escalate",
                    "Phone the CERT now: " + String.join("; ", escalation)
                            + ". The sheet asks for an immediate call when a server or a domain administrator is involved.",
                    null));
        }
        final List<String> allMachines = entities.hosts().isEmpty() ? entities.ips() : entities.hosts();
        final List<String> machines = allMachines.subList(0, Math.min(MAX_WITH_STEPS, allMachines.size()));
        final List<String> users = entities.users()
                .subList(0, Math.min(MAX_WITH_STEPS, entities.users().size()));
        for (final String machine : machines) {
            steps.add(ChecklistStep.todo(
                    "isolate:" + machine,
                    "Isolate workstation " + machine
                            + " from the network but leave it powered on: its memory is evidence (capture it before any "
                            + "reboot or clean-up).",
                    null));
        }
        for (final String user : users) {
            steps.add(ChecklistStep.todo("disable:" + user, "Disable account " + user + ".", null));
            final List<String> sessions = vpnSessions.stream()
                    .filter(v -> user.equals(v.account()))
                    .map(VpnSessionSeen::describe)
                    .toList();
            steps.add(ChecklistStep.todo(
                    "vpn:" + user,
                    "If " + user + " has VPN access, disable it and check its "
                            + "VPN sessions (source addresses, times) for logons from elsewhere"
                            + (sessions.isEmpty()
                                    ? "."
                                    : "; known around the alerts: " + String.join("; ", sessions) + "."),
                    null));
            steps.add(ChecklistStep.todo(
                    "sessions:" + user,
                    "Cut " + user + "'s webmail, IMAP and POP sessions and "
                            + "revoke its Microsoft 365 refresh tokens.",
                    "doveadm kick " + user + "; Revoke-MgUserSignInSession -UserId " + mailOf(user, entities)));
        }
        for (final String machine : machines) {
            final List<String> accounts = logons.getOrDefault(machine, List.of());
            steps.add(ChecklistStep.todo(
                    "reset-logons:" + machine,
                    "Reset the passwords of the accounts that logged " + "on to " + machine
                            + (accounts.isEmpty() ? "." : " (known: " + String.join(", ", accounts) + ")."),
                    null));
            steps.add(ChecklistStep.todo(
                    "stored-credentials:" + machine,
                    "Change the credentials stored on " + machine
                            + " (browsers, mail client, VPN and remote-desktop profiles).",
                    null));
        }
        final int moreMachines = allMachines.size() - machines.size();
        final int moreUsers = entities.users().size() - users.size();
        if (moreMachines > 0 || moreUsers > 0) {
            steps.add(ChecklistStep.todo(
                    "the-others",
                    "Take the same steps for the " + moreMachines + " other "
                            + "machine(s) and " + moreUsers
                            + " other account(s) of the incident's entities: only the first "
                            + MAX_WITH_STEPS + " of each have steps of their own.",
                    null));
        }
        steps.add(ChecklistStep.todo(
                "backups",
                "Check that the backups are intact and isolate them (an offline "
                        + "copy out of the attacker's reach).",
                null));
        steps.add(ChecklistStep.todo(
                "antivirus-fleet",
                "Check the antivirus console of the whole fleet"
                        + (servers.isEmpty()
                                ? "."
                                : "; detections on servers in the last 30 days: " + String.join(", ", servers) + "."),
                null));
        if (mail) {
            steps.add(ChecklistStep.todo(
                    "purge-mail",
                    "Search the other mailboxes for the mail and purge it; block "
                            + "its sender"
                            + (entities.domains().isEmpty()
                                    ? ""
                                    : ", its link domains ("
                                            + String.join(
                                                    ", ",
                                                    entities.domains()
                                                            .subList(
                                                                    0,
                                                                    Math.min(
                                                                            10,
                                                                            entities.domains()
                                                                                    .size())))
                                            + ")")
                            + (entities.hashes().isEmpty() ? "" : " and its attachment hashes")
                            + " at the mail gateway and the proxy.",
                    null));
            steps.add(ChecklistStep.todo(
                    "third-parties",
                    "Warn third parties: the evidence archive holds abuse "
                            + "report drafts for the sending domain and the hosting provider, and the Signal Spam and "
                            + "PhishTank texts.",
                    "vigie evidence --incident " + incidentId + " --out " + incidentId + ".zip"));
        }
        steps.add(ChecklistStep.todo(
                "evidence",
                "Send the evidence archive to the CERT.",
                "vigie evidence --incident " + incidentId + " --out " + incidentId + ".zip"));
        return keepTicks(steps, previous);
    }

    private static String mailOf(final String user, final IncidentEntities entities) {
        for (final String address : entities.addresses()) {
            if (address.startsWith(user + "@")) {
                return address;
            }
        }
        return user + "@<domain>";
    }

    private static List<ChecklistStep> keepTicks(
            final List<ChecklistStep> generated, final List<ChecklistStep> previous) {
        final Map<String, ChecklistStep> byId = new LinkedHashMap<>();
        for (final ChecklistStep step : generated) {
            byId.putIfAbsent(step.id(), step);
        }
        for (final ChecklistStep old : previous) {
            final ChecklistStep current = byId.get(old.id());
            byId.put(old.id(), current == null ? old : old.rewrittenAs(current));
        }
        // Generated order first (the sheet's order), then steps only the previous list had.
        final List<ChecklistStep> out = new ArrayList<>();
        for (final ChecklistStep step : generated) {
            out.add(byId.remove(step.id()));
        }
        out.removeIf(s -> s == null);
        out.addAll(byId.values());
        return out;
    }
}
