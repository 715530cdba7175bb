package io.vigie.rules.mail;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.MailRecipient;
import io.vigie.core.model.ReportedMail;
import io.vigie.core.net.LookalikeDomains;
import io.vigie.core.net.MailDomains;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.alert.ObservedObject;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.LookalikeSenderDetection.Seen;
import io.vigie.rules.mail.LookalikeSenderDetection.Sighting;
import io.vigie.rules.store.KeyedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The look-alike sender decision, without Kafka: inbound mail whose envelope sender domain, or the From of a mail a
 * user reported, imitates an internal or partner domain ({@link LookalikeDomains}). The first sighting of a domain
 * raises an alert and publishes the domain as an indicator, so that the proxy rules see who then visits it; the next
 * ones are counted, and raise again once the throttle period has passed since the last alert. State: what is known of
 * the domain ({@link Seen}). Run by
 * {@link LookalikeSenderDetection} in the engine (state keyed by the look-alike domain) and by
 * {@link OfflineMailFlow} in memory.
 *
 * <p>Level: high when the imitated domain is the organisation's own, since such a mail speaks to the staff as a
 * colleague or the IT department (credential phishing, payroll and invoice fraud); medium for a partner's, since
 * partner lists are broad and a partner is more often imitated by its own subsidiaries and service providers.
 */
final class LookalikeSender implements Decision<Seen, Sighting, LookalikeSender.Verdict> {

    static final AlertRule RULE = new AlertRule(
            "vigie.mail.lookalike-sender",
            "Mail from a domain that imitates the hospital's or a partner's",
            "The sender's domain is made to look like an internal domain (high) or a partner's (medium): another "
                    + "TLD, the domain written as one label, an added word, a typo, look-alike letters or punycode. "
                    + "Such domains are registered for phishing and invoice fraud; the domain is published as an "
                    + "indicator so that the proxy rules name who visits it.",
            AlertLevel.HIGH,
            List.of("email", "threat"),
            "vigie.mail",
            List.of(
                    "Look at one of the messages (quarantine or a recipient's mailbox) and warn its recipients.",
                    "Block the domain at the mail gateway (sender and links) and at the proxy; search the mailboxes "
                            + "for its messages and purge them.",
                    "Watch the intel-match alerts on the domain: a workstation that visits it may have typed a "
                            + "password there; reset it and revoke the sessions.",
                    "Report the domain to the CERT and to its registrar for takedown (an imitation of a partner: warn "
                            + "the partner)."));

    static final String INDICATOR_SOURCE = "detection:" + RULE.id();
    static final String ENVELOPE = "envelope_from";
    static final String REPORTED = "reported_from";

    private static final int MAX_SENDERS = 20;
    private static final int MAX_RECIPIENTS = 50;
    /** Sender domains repeat all day: their verdicts are remembered, up to this many (then forgotten at once). */
    private static final int REMEMBERED_DOMAINS = 10_000;

    private final LookalikeDomains domains;
    private final long throttleMillis;
    /** Shared by the stream threads that read messages: concurrent, so that {@link #sighting} is thread-safe. */
    private final Map<String, Optional<LookalikeDomains.Match>> remembered = new ConcurrentHashMap<>();

    LookalikeSender(final RulesConfig config) {
        this.domains = LookalikeDomains.of(
                config.internalDomains(),
                config.lookalike().partnerDomains(),
                config.lookalike().ignoredDomains(),
                config.lookalike().minimumSimilarity());
        this.throttleMillis = config.alertThrottle().toMillis();
    }

    /** An alert and the indicator published with it. */
    record Verdict(Alert alert, Indicator indicator) {}

    /**
     * A message that came from outside, when its envelope sender's domain is a look-alike. A mail that a content
     * filter gave back to Postfix is judged once, on the message the filter re-injected (its deliveries are the
     * final ones, its client the original one when XFORWARD logged it); the first hop is judged only when the
     * filter discarded the mail.
     */
    Optional<Sighting> sighting(final MailMessage m) {
        if (m == null || m.origin() != MailMessage.Origin.EXTERNAL) {
            return Optional.empty();
        }
        return match(MailDomains.domainOf(m.sender()))
                .filter(match -> m.reinjected() || m.recipients().stream().noneMatch(ContentFilterHops::requeued))
                .map(match -> {
                    final List<String> recipients = new ArrayList<>();
                    int delivered = 0;
                    for (final MailRecipient r : m.recipients()) {
                        if (recipients.size() < MAX_RECIPIENTS) {
                            recipients.add(r.address());
                        }
                        if ("sent".equals(r.status())
                                && !ContentFilterHops.requeued(r)
                                && !ContentFilterHops.discardedByFilter(r)) {
                            delivered++;
                        }
                    }
                    final Instant time = m.lastSeen() != null ? m.lastSeen() : m.firstSeen();
                    return new Sighting(
                            match,
                            ENVELOPE,
                            time,
                            m.sender(),
                            m.host(),
                            m.queueId(),
                            m.messageId(),
                            m.clientIp(),
                            m.clientHost(),
                            Math.max(m.recipients().size(), m.nrcpt() == null ? 0 : m.nrcpt()),
                            delivered,
                            recipients,
                            null,
                            null);
                });
    }

    /** A mail a user reported, when its From domain is a look-alike. */
    Optional<Sighting> sighting(final ReportedMail r) {
        if (r == null) {
            return Optional.empty();
        }
        return match(MailDomains.domainOf(r.from()))
                .map(match -> new Sighting(
                        match,
                        REPORTED,
                        r.receivedAt(),
                        r.from(),
                        null,
                        null,
                        r.messageId(),
                        null,
                        null,
                        0,
                        0,
                        List.of(),
                        r.reportId(),
                        r.reporter()));
    }

    /** Whether the address's domain is a look-alike: a cheap test before building a message to judge. */
    boolean imitates(final String address) {
        return match(MailDomains.domainOf(address)).isPresent();
    }

    private Optional<LookalikeDomains.Match> match(final String domain) {
        if (domain == null || domains.isEmpty()) {
            return Optional.empty();
        }
        final Optional<LookalikeDomains.Match> known = remembered.get(domain);
        if (known != null) {
            return known;
        }
        if (remembered.size() >= REMEMBERED_DOMAINS) {
            remembered.clear();
        }
        final Optional<LookalikeDomains.Match> match = domains.match(domain);
        remembered.put(domain, match);
        return match;
    }

    /** Counts a sighting in the state kept where given, under its domain; the verdict when one is due. */
    Optional<Verdict> observe(final KeyedState<Seen> state, final Sighting s) {
        return applyTo(state, s.match().domain(), s).stream().findFirst();
    }

    /**
     * Counts a sighting of its domain; the alert and indicator when the domain is new or its last alert is old.
     *
     * @param domain   the sighting's look-alike domain
     * @param previous what is known of it, null when it is new
     */
    @Override
    public Outcome<Seen, Verdict> decide(final String domain, final Seen previous, final Sighting s) {
        final LookalikeDomains.Match match = s.match();
        final long now = s.time().toEpochMilli();
        final List<String> senders = previous == null ? new ArrayList<>() : new ArrayList<>(previous.senders());
        if (s.sender() != null && !senders.contains(s.sender()) && senders.size() < MAX_SENDERS) {
            senders.add(s.sender());
        }
        final long messages = (previous == null ? 0 : previous.messages()) + 1;
        final long firstSeen = previous == null ? now : Math.min(previous.firstSeen(), now);
        Long alertedAt = previous == null ? null : previous.alertedAt();
        Verdict verdict = null;
        // As the alert throttle does: a sighting within a throttle period either side of the last alert is a repeat.
        if (alertedAt == null || Math.abs(now - alertedAt) >= throttleMillis) {
            alertedAt = alertedAt == null ? now : Math.max(alertedAt, now);
            final Alert alert = alert(s, senders, messages, Instant.ofEpochMilli(firstSeen));
            verdict = new Verdict(
                    alert,
                    new Indicator(
                            Indicator.Kind.HOST,
                            domain,
                            INDICATOR_SOURCE,
                            alert.event().id(),
                            "phishing",
                            List.of("look-alike", match.technique().label()),
                            null,
                            s.time(),
                            null));
        }
        return Outcome.put(new Seen(firstSeen, messages, senders, alertedAt), Optional.ofNullable(verdict));
    }

    private static Alert alert(
            final Sighting s, final List<String> senders, final long messages, final Instant firstSeen) {
        final LookalikeDomains.Match match = s.match();
        final String shown = match.unicode() == null ? match.domain() : match.domain() + " (" + match.unicode() + ")";
        final String what = REPORTED.equals(s.senderField())
                ? "a mail reported by " + (s.reporter() == null ? "a user" : s.reporter()) + " is from " + s.sender()
                : "mail from " + s.sender() + " to " + s.recipients() + " recipient(s)"
                        + (s.clientIp() == null ? "" : " via " + s.clientIp());
        final List<String> users = new ArrayList<>(s.recipientAddresses());
        if (s.reporter() != null) {
            users.add(s.reporter());
        }
        return RULE.raiseInClockHour(
                        s.time(),
                        match.domain(),
                        "%s imitates %s (%s, similarity %.2f): %s; %d message(s) since %s"
                                .formatted(
                                        shown,
                                        match.imitated(),
                                        match.technique().label(),
                                        match.similarity(),
                                        what,
                                        messages,
                                        firstSeen))
                .level(match.owner() == LookalikeDomains.Owner.INTERNAL ? AlertLevel.HIGH : AlertLevel.MEDIUM)
                .email(
                        "from",
                        ObservedObject.of()
                                .put("address", List.copyOf(senders))
                                .put("domain", match.domain())
                                .fields())
                .email(
                        "to",
                        s.recipientAddresses().isEmpty()
                                ? null
                                : Map.of("address", List.copyOf(s.recipientAddresses())))
                .email("message_id", s.messageId())
                .source("ip", s.clientIp())
                .user("email", s.reporter())
                .related("hosts", List.of(match.domain()))
                .related("ip", s.clientIp() == null ? List.of() : List.of(s.clientIp()))
                .related("user", users)
                .observed("imitated_domain", match.imitated())
                .observed("imitated_type", match.owner().label())
                .observed("technique", match.technique().label())
                .observed("similarity", match.similarity())
                .observed("unicode_domain", match.unicode())
                .observed("sender_field", s.senderField())
                .observed("recipients", REPORTED.equals(s.senderField()) ? null : s.recipients())
                .observed("delivered_recipients", REPORTED.equals(s.senderField()) ? null : s.delivered())
                .observed("client_host", s.clientHost())
                .observed("host", s.host())
                .observed("queue_id", s.queueId())
                .observed("report_id", s.reportId())
                .observed("messages", messages)
                .observed("first_seen", firstSeen.toString())
                .observed(
                        "indicator",
                        ObservedObject.of()
                                .put("key", Indicator.Kind.HOST.key(match.domain()))
                                .put("source", INDICATOR_SOURCE)
                                .fields())
                .build();
    }
}
