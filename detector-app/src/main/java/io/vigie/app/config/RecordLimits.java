package io.vigie.app.config;

/**
 * The largest records Vigie's topics take: {@code max.message.bytes} of the topics it creates, and the upper bound
 * of the size settings that must fit in one record ({@code dmarc.max-report-bytes}, {@code reports.max-bytes}).
 * Kept here, with the settings they bound, so that the topic provisioning and the ingest read them from the
 * configuration rather than the reverse.
 */
public final class RecordLimits {

    /** A reported mail is kept whole, attachments included: the largest one accepted ({@code reports.max-bytes}). */
    public static final int MAX_REPORT_BYTES = 32 * 1024 * 1024;

    /** A postqueue snapshot is a single record and can be a few MiB on a congested relay. */
    public static final int MAX_RAW_RECORD_BYTES = 16 * 1024 * 1024;

    private RecordLimits() {}
}
