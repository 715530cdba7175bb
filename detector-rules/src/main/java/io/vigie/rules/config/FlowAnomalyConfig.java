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
        return new FlowAnomalyConfig(50, 10.0, 24, Duration.ofDays(7), 30, Duration.ofMinutes(15));
    }
}
