package io.vigie.rules.config;

/**
 * Names of every topic the topology reads or writes. Defaults follow the vocabulary; an
 * operator can rename any of them (a shared cluster often imposes a prefix).
 */
public record TopicNames(
        String rawPostfix,
        String rawPostqueue,
        String mailMessages,
        String queueStatus,
        String top20State,
        String top20Reports,
        String rawDmarc,
        String dmarcEvents,
        String dmarcDays,
        String dmarcSources,
        String rawProxy,
        String rawUrlhaus,
        String rawIndicators,
        String indicators,
        String intelState,
        String rawAv,
        String rawQuarantine,
        String rawReports,
        String reports,
        String alerts,
        String dlq,
        String rawAuth,
        String authEvents,
        String identities,
        String incidents,
        String incidentSteps) {

    public static TopicNames defaults() {
        return new Builder()
                .rawPostfix("raw.postfix")
                .rawPostqueue("raw.postqueue")
                .mailMessages("events.mail")
                .queueStatus("events.mail-queue")
                .top20State("state.top20")
                .top20Reports("reports.top20")
                .rawDmarc("raw.dmarc")
                .dmarcEvents("events.dmarc")
                .dmarcDays("state.dmarc-days")
                .dmarcSources("state.dmarc-sources")
                .rawProxy("raw.proxy")
                .rawUrlhaus("raw.urlhaus")
                .rawIndicators("raw.indicators")
                .indicators("intel.indicators")
                .intelState("state.intel")
                .rawAv("raw.av")
                .rawQuarantine("raw.quarantine")
                .rawReports("raw.reports")
                .reports("events.reports")
                .alerts("alerts")
                .dlq("dlq")
                .rawAuth("raw.auth")
                .authEvents("events.auth")
                .identities("state.identities")
                .incidents("incidents")
                .incidentSteps("incidents.steps")
                .build();
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named steps over the settings: a call site says which value is which. */
    public static final class Builder {
        private String rawPostfix;
        private String rawPostqueue;
        private String mailMessages;
        private String queueStatus;
        private String top20State;
        private String top20Reports;
        private String rawDmarc;
        private String dmarcEvents;
        private String dmarcDays;
        private String dmarcSources;
        private String rawProxy;
        private String rawUrlhaus;
        private String rawIndicators;
        private String indicators;
        private String intelState;
        private String rawAv;
        private String rawQuarantine;
        private String rawReports;
        private String reports;
        private String alerts;
        private String dlq;
        private String rawAuth;
        private String authEvents;
        private String identities;
        private String incidents;
        private String incidentSteps;

        private Builder() {}

        private Builder(final TopicNames config) {
            rawPostfix = config.rawPostfix();
            rawPostqueue = config.rawPostqueue();
            mailMessages = config.mailMessages();
            queueStatus = config.queueStatus();
            top20State = config.top20State();
            top20Reports = config.top20Reports();
            rawDmarc = config.rawDmarc();
            dmarcEvents = config.dmarcEvents();
            dmarcDays = config.dmarcDays();
            dmarcSources = config.dmarcSources();
            rawProxy = config.rawProxy();
            rawUrlhaus = config.rawUrlhaus();
            rawIndicators = config.rawIndicators();
            indicators = config.indicators();
            intelState = config.intelState();
            rawAv = config.rawAv();
            rawQuarantine = config.rawQuarantine();
            rawReports = config.rawReports();
            reports = config.reports();
            alerts = config.alerts();
            dlq = config.dlq();
            rawAuth = config.rawAuth();
            authEvents = config.authEvents();
            identities = config.identities();
            incidents = config.incidents();
            incidentSteps = config.incidentSteps();
        }

        public Builder rawPostfix(final String value) {
            this.rawPostfix = value;
            return this;
        }

        public Builder rawPostqueue(final String value) {
            this.rawPostqueue = value;
            return this;
        }

        public Builder mailMessages(final String value) {
            this.mailMessages = value;
            return this;
        }

        public Builder queueStatus(final String value) {
            this.queueStatus = value;
            return this;
        }

        public Builder top20State(final String value) {
            this.top20State = value;
            return this;
        }

        public Builder top20Reports(final String value) {
            this.top20Reports = value;
            return this;
        }

        public Builder rawDmarc(final String value) {
            this.rawDmarc = value;
            return this;
        }

        public Builder dmarcEvents(final String value) {
            this.dmarcEvents = value;
            return this;
        }

        public Builder dmarcDays(final String value) {
            this.dmarcDays = value;
            return this;
        }

        public Builder dmarcSources(final String value) {
            this.dmarcSources = value;
            return this;
        }

        public Builder rawProxy(final String value) {
            this.rawProxy = value;
            return this;
        }

        public Builder rawUrlhaus(final String value) {
            this.rawUrlhaus = value;
            return this;
        }

        public Builder rawIndicators(final String value) {
            this.rawIndicators = value;
            return this;
        }

        public Builder indicators(final String value) {
            this.indicators = value;
            return this;
        }

        public Builder intelState(final String value) {
            this.intelState = value;
            return this;
        }

        public Builder rawAv(final String value) {
            this.rawAv = value;
            return this;
        }

        public Builder rawQuarantine(final String value) {
            this.rawQuarantine = value;
            return this;
        }

        public Builder rawReports(final String value) {
            this.rawReports = value;
            return this;
        }

        public Builder reports(final String value) {
            this.reports = value;
            return this;
        }

        public Builder alerts(final String value) {
            this.alerts = value;
            return this;
        }

        public Builder dlq(final String value) {
            this.dlq = value;
            return this;
        }

        public Builder rawAuth(final String value) {
            this.rawAuth = value;
            return this;
        }

        public Builder authEvents(final String value) {
            this.authEvents = value;
            return this;
        }

        public Builder identities(final String value) {
            this.identities = value;
            return this;
        }

        public Builder incidents(final String value) {
            this.incidents = value;
            return this;
        }

        public Builder incidentSteps(final String value) {
            this.incidentSteps = value;
            return this;
        }

        public TopicNames build() {
            return new TopicNames(
                    rawPostfix,
                    rawPostqueue,
                    mailMessages,
                    queueStatus,
                    top20State,
                    top20Reports,
                    rawDmarc,
                    dmarcEvents,
                    dmarcDays,
                    dmarcSources,
                    rawProxy,
                    rawUrlhaus,
                    rawIndicators,
                    indicators,
                    intelState,
                    rawAv,
                    rawQuarantine,
                    rawReports,
                    reports,
                    alerts,
                    dlq,
                    rawAuth,
                    authEvents,
                    identities,
                    incidents,
                    incidentSteps);
        }
    }
}
