package io.vigie.rules.config;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the detections need to know about the organisation and its thresholds. Built by the
 * application from its YAML file and environment; tests build it directly.
 *
 * @param zone                 time zone of calendar days
 * @param internalDomains      the organisation's mail domains (subdomains included)
 * @param internalNetworks     CIDR blocks of the organisation's networks
 * @param topics               topic names
 * @param messageTimeout       a message with no new line for this long (event time) is flushed as incomplete
 * @param top                  top-N settings
 * @param queue                queue congestion thresholds
 * @param flow                 abnormal-flow thresholds
 * @param alertThrottle        the same rule does not fire again for the same entity within this period
 * @param dmarc                DMARC statistics and alerts
 * @param proxy                proxy log detections and the retro-hunt
 * @param antivirus            antivirus detections
 * @param quarantine           mail quarantine campaigns
 * @param lookalike            look-alike sender domains, and the partners' domains they may imitate
 * @param auth                 SMTP AUTH password spraying and account takeover
 * @param incidents            how alerts are grouped into incidents
 * @param identities           who is who: how a mail address becomes an account name
 * @param clock                wall clock, for syslog lines without a year; tests inject a fixed one
 */
public record RulesConfig(ZoneId zone, List<String> internalDomains, List<String> internalNetworks,
                          TopicNames topics, Duration messageTimeout, TopConfig top, QueueConfig queue,
                          FlowAnomalyConfig flow, Duration alertThrottle, DmarcConfig dmarc, ProxyConfig proxy,
                          AntivirusConfig antivirus, QuarantineConfig quarantine, LookalikeConfig lookalike,
                          AuthConfig auth, IncidentsConfig incidents, IdentityConfig identities, Clock clock) {

    public RulesConfig {
        internalDomains = List.copyOf(internalDomains);
        internalNetworks = List.copyOf(internalNetworks);
    }

    /** With the default identity settings. */
    public RulesConfig(final ZoneId zone, final List<String> internalDomains, final List<String> internalNetworks,
                       final TopicNames topics, final Duration messageTimeout, final TopConfig top,
                       final QueueConfig queue, final FlowAnomalyConfig flow, final Duration alertThrottle,
                       final DmarcConfig dmarc, final ProxyConfig proxy, final AntivirusConfig antivirus,
                       final QuarantineConfig quarantine, final LookalikeConfig lookalike, final AuthConfig auth,
                       final IncidentsConfig incidents, final Clock clock) {
        this(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow, alertThrottle, dmarc,
                proxy, antivirus, quarantine, lookalike, auth, incidents, IdentityConfig.defaults(), clock);
    }

    /** Without partner domains, and the default look-alike and SMTP AUTH settings. */
    public RulesConfig(final ZoneId zone, final List<String> internalDomains, final List<String> internalNetworks,
                       final TopicNames topics, final Duration messageTimeout, final TopConfig top,
                       final QueueConfig queue, final FlowAnomalyConfig flow, final Duration alertThrottle,
                       final DmarcConfig dmarc, final ProxyConfig proxy, final AntivirusConfig antivirus,
                       final QuarantineConfig quarantine, final Clock clock) {
        this(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow, alertThrottle, dmarc,
                proxy, antivirus, quarantine, LookalikeConfig.defaults(), AuthConfig.defaults(),
                IncidentsConfig.defaults(), IdentityConfig.defaults(), clock);
    }

    public static RulesConfig defaults() {
        return new RulesConfig(ZoneId.of("UTC"), List.of(), List.of("127.0.0.0/8", "::1/128"),
                TopicNames.defaults(), Duration.ofHours(6), TopConfig.defaults(), QueueConfig.defaults(),
                FlowAnomalyConfig.defaults(), Duration.ofHours(1), DmarcConfig.defaults(), ProxyConfig.defaults(),
                AntivirusConfig.defaults(), QuarantineConfig.defaults(), LookalikeConfig.defaults(),
                AuthConfig.defaults(), IncidentsConfig.defaults(), IdentityConfig.defaults(), Clock.systemUTC());
    }

    public RulesConfig withTop(final TopConfig newTop) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, newTop, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, quarantine, lookalike, auth, incidents, identities, clock);
    }

    public RulesConfig withClock(final Clock newClock) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, quarantine, lookalike, auth, incidents, identities, newClock);
    }

    public RulesConfig withDmarc(final DmarcConfig newDmarc) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, newDmarc, proxy, antivirus, quarantine, lookalike, auth, incidents, identities, clock);
    }

    public RulesConfig withProxy(final ProxyConfig newProxy) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, newProxy, antivirus, quarantine, lookalike, auth, incidents, identities, clock);
    }

    public RulesConfig withAntivirus(final AntivirusConfig newAntivirus) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, newAntivirus, quarantine, lookalike, auth, incidents, identities, clock);
    }

    public RulesConfig withQuarantine(final QuarantineConfig newQuarantine) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, newQuarantine, lookalike, auth, incidents, identities, clock);
    }

    public RulesConfig withInternalDomains(final List<String> domains) {
        return new RulesConfig(zone, domains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, quarantine, lookalike, auth, incidents, identities, clock);
    }

    public RulesConfig withLookalike(final LookalikeConfig newLookalike) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, quarantine, newLookalike, auth, incidents, identities, clock);
    }

    public RulesConfig withAuth(final AuthConfig newAuth) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, quarantine, lookalike, newAuth, incidents, identities, clock);
    }

    public RulesConfig withIncidents(final IncidentsConfig newIncidents) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, quarantine, lookalike, auth, newIncidents, identities, clock);
    }

    public RulesConfig withIdentities(final IdentityConfig newIdentities) {
        return new RulesConfig(zone, internalDomains, internalNetworks, topics, messageTimeout, top, queue, flow,
                alertThrottle, dmarc, proxy, antivirus, quarantine, lookalike, auth, incidents, newIdentities, clock);
    }
}
