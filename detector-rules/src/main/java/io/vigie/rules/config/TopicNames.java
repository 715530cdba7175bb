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
        return new TopicNames(
                "raw.postfix",
                "raw.postqueue",
                "events.mail",
                "events.mail-queue",
                "state.top20",
                "reports.top20",
                "raw.dmarc",
                "events.dmarc",
                "state.dmarc-days",
                "state.dmarc-sources",
                "raw.proxy",
                "raw.urlhaus",
                "raw.indicators",
                "intel.indicators",
                "state.intel",
                "raw.av",
                "raw.quarantine",
                "raw.reports",
                "events.reports",
                "alerts",
                "dlq",
                "raw.auth",
                "events.auth",
                "state.identities",
                "incidents",
                "incidents.steps");
    }
}
