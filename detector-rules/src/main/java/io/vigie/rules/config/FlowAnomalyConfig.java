package io.vigie.rules.config;

import java.time.Duration;

/**
 * Abnormal mail flow detections.
 *
 * @param spikeMinimumMessages    an internal sender's hourly outbound volume must be at least this ...
 * @param spikeFactor             ... and this many times its own baseline (mean hourly volume over the baseline period)
 * @param baselineHours           how many past hours make a sender's baseline
 * @param learningPeriod          a sender whose history is younger than this is judged against the organisation's
 *                                senders rather than its own baseline
 * @param fanOutRecipients        an external sender reaching at least this many distinct internal recipients ...
 * @param fanOutWindow            ... within this window
 */
public record FlowAnomalyConfig(
        long spikeMinimumMessages,
        double spikeFactor,
        int baselineHours,
        Duration learningPeriod,
        int fanOutRecipients,
        Duration fanOutWindow) {

    public static FlowAnomalyConfig defaults() {
        return new Builder()
                .spikeMinimumMessages(50)
                .spikeFactor(10.0)
                .baselineHours(24)
                .learningPeriod(Duration.ofDays(7))
                .fanOutRecipients(30)
                .fanOutWindow(Duration.ofMinutes(15))
                .build();
    }

    /** These settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named steps over the settings: a call site says which value is which. */
    public static final class Builder {
        private long spikeMinimumMessages;
        private double spikeFactor;
        private int baselineHours;
        private Duration learningPeriod;
        private int fanOutRecipients;
        private Duration fanOutWindow;

        private Builder() {}

        private Builder(final FlowAnomalyConfig config) {
            spikeMinimumMessages = config.spikeMinimumMessages();
            spikeFactor = config.spikeFactor();
            baselineHours = config.baselineHours();
            learningPeriod = config.learningPeriod();
            fanOutRecipients = config.fanOutRecipients();
            fanOutWindow = config.fanOutWindow();
        }

        public Builder spikeMinimumMessages(final long value) {
            this.spikeMinimumMessages = value;
            return this;
        }

        public Builder spikeFactor(final double value) {
            this.spikeFactor = value;
            return this;
        }

        public Builder baselineHours(final int value) {
            this.baselineHours = value;
            return this;
        }

        public Builder learningPeriod(final Duration value) {
            this.learningPeriod = value;
            return this;
        }

        public Builder fanOutRecipients(final int value) {
            this.fanOutRecipients = value;
            return this;
        }

        public Builder fanOutWindow(final Duration value) {
            this.fanOutWindow = value;
            return this;
        }

        public FlowAnomalyConfig build() {
            return new FlowAnomalyConfig(
                    spikeMinimumMessages, spikeFactor, baselineHours, learningPeriod, fanOutRecipients, fanOutWindow);
        }
    }
}
