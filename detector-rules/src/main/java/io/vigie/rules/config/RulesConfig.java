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
public record RulesConfig(
        ZoneId zone,
        List<String> internalDomains,
        List<String> internalNetworks,
        TopicNames topics,
        Duration messageTimeout,
        TopConfig top,
        QueueConfig queue,
        FlowAnomalyConfig flow,
        Duration alertThrottle,
        DmarcConfig dmarc,
        ProxyConfig proxy,
        AntivirusConfig antivirus,
        QuarantineConfig quarantine,
        LookalikeConfig lookalike,
        AuthConfig auth,
        IncidentsConfig incidents,
        IdentityConfig identities,
        Clock clock) {

    public RulesConfig {
        internalDomains = List.copyOf(internalDomains);
        internalNetworks = List.copyOf(internalNetworks);
    }

    /**
     * The organisation's time zone when none is configured ({@code organisation.time-zone}): the zone of the
     * hospitals Vigie was written for. The application's key table takes its default from here.
     */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    /** Every setting at its default, the wall clock in {@link #DEFAULT_ZONE}. */
    public static RulesConfig defaults() {
        return new Builder()
                .zone(DEFAULT_ZONE)
                .internalDomains(List.of())
                .internalNetworks(List.of("127.0.0.0/8", "::1/128"))
                .topics(TopicNames.defaults())
                .messageTimeout(Duration.ofHours(6))
                .top(TopConfig.defaults())
                .queue(QueueConfig.defaults())
                .flow(FlowAnomalyConfig.defaults())
                .alertThrottle(Duration.ofHours(1))
                .dmarc(DmarcConfig.defaults())
                .proxy(ProxyConfig.defaults())
                .antivirus(AntivirusConfig.defaults())
                .quarantine(QuarantineConfig.defaults())
                .lookalike(LookalikeConfig.defaults())
                .auth(AuthConfig.defaults())
                .incidents(IncidentsConfig.defaults())
                .identities(IdentityConfig.defaults())
                .clock(Clock.system(DEFAULT_ZONE))
                .build();
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * These settings in another time zone, the clock included: syslog times without a zone are read in it, and
     * calendar days are cut in it.
     */
    public RulesConfig withZone(final ZoneId value) {
        return toBuilder().zone(value).clock(clock.withZone(value)).build();
    }

    public RulesConfig withTop(final TopConfig value) {
        return toBuilder().top(value).build();
    }

    public RulesConfig withClock(final Clock value) {
        return toBuilder().clock(value).build();
    }

    public RulesConfig withDmarc(final DmarcConfig value) {
        return toBuilder().dmarc(value).build();
    }

    public RulesConfig withProxy(final ProxyConfig value) {
        return toBuilder().proxy(value).build();
    }

    public RulesConfig withAntivirus(final AntivirusConfig value) {
        return toBuilder().antivirus(value).build();
    }

    public RulesConfig withQuarantine(final QuarantineConfig value) {
        return toBuilder().quarantine(value).build();
    }

    public RulesConfig withInternalDomains(final List<String> value) {
        return toBuilder().internalDomains(value).build();
    }

    public RulesConfig withLookalike(final LookalikeConfig value) {
        return toBuilder().lookalike(value).build();
    }

    public RulesConfig withAuth(final AuthConfig value) {
        return toBuilder().auth(value).build();
    }

    public RulesConfig withIncidents(final IncidentsConfig value) {
        return toBuilder().incidents(value).build();
    }

    public RulesConfig withIdentities(final IdentityConfig value) {
        return toBuilder().identities(value).build();
    }

    /** Named steps over the settings: a call site says which setting it changes. */
    public static final class Builder {

        private ZoneId zone;
        private List<String> internalDomains;
        private List<String> internalNetworks;
        private TopicNames topics;
        private Duration messageTimeout;
        private TopConfig top;
        private QueueConfig queue;
        private FlowAnomalyConfig flow;
        private Duration alertThrottle;
        private DmarcConfig dmarc;
        private ProxyConfig proxy;
        private AntivirusConfig antivirus;
        private QuarantineConfig quarantine;
        private LookalikeConfig lookalike;
        private AuthConfig auth;
        private IncidentsConfig incidents;
        private IdentityConfig identities;
        private Clock clock;

        private Builder() {}

        private Builder(final RulesConfig config) {
            zone = config.zone();
            internalDomains = config.internalDomains();
            internalNetworks = config.internalNetworks();
            topics = config.topics();
            messageTimeout = config.messageTimeout();
            top = config.top();
            queue = config.queue();
            flow = config.flow();
            alertThrottle = config.alertThrottle();
            dmarc = config.dmarc();
            proxy = config.proxy();
            antivirus = config.antivirus();
            quarantine = config.quarantine();
            lookalike = config.lookalike();
            auth = config.auth();
            incidents = config.incidents();
            identities = config.identities();
            clock = config.clock();
        }

        public Builder zone(final ZoneId value) {
            this.zone = value;
            return this;
        }

        public Builder internalDomains(final List<String> value) {
            this.internalDomains = value;
            return this;
        }

        public Builder internalNetworks(final List<String> value) {
            this.internalNetworks = value;
            return this;
        }

        public Builder topics(final TopicNames value) {
            this.topics = value;
            return this;
        }

        public Builder messageTimeout(final Duration value) {
            this.messageTimeout = value;
            return this;
        }

        public Builder top(final TopConfig value) {
            this.top = value;
            return this;
        }

        public Builder queue(final QueueConfig value) {
            this.queue = value;
            return this;
        }

        public Builder flow(final FlowAnomalyConfig value) {
            this.flow = value;
            return this;
        }

        public Builder alertThrottle(final Duration value) {
            this.alertThrottle = value;
            return this;
        }

        public Builder dmarc(final DmarcConfig value) {
            this.dmarc = value;
            return this;
        }

        public Builder proxy(final ProxyConfig value) {
            this.proxy = value;
            return this;
        }

        public Builder antivirus(final AntivirusConfig value) {
            this.antivirus = value;
            return this;
        }

        public Builder quarantine(final QuarantineConfig value) {
            this.quarantine = value;
            return this;
        }

        public Builder lookalike(final LookalikeConfig value) {
            this.lookalike = value;
            return this;
        }

        public Builder auth(final AuthConfig value) {
            this.auth = value;
            return this;
        }

        public Builder incidents(final IncidentsConfig value) {
            this.incidents = value;
            return this;
        }

        public Builder identities(final IdentityConfig value) {
            this.identities = value;
            return this;
        }

        public Builder clock(final Clock value) {
            this.clock = value;
            return this;
        }

        public RulesConfig build() {
            return new RulesConfig(
                    zone,
                    internalDomains,
                    internalNetworks,
                    topics,
                    messageTimeout,
                    top,
                    queue,
                    flow,
                    alertThrottle,
                    dmarc,
                    proxy,
                    antivirus,
                    quarantine,
                    lookalike,
                    auth,
                    incidents,
                    identities,
                    clock);
        }
    }
}
