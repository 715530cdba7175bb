package io.vigie.rules.av;

import io.vigie.core.model.AvEvent;
import io.vigie.core.parse.av.AvLine;
import io.vigie.rules.metrics.CounterSensors;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keeps the records that are detections. The others (a clean-file line, a scan summary, a Defender event that is
 * not a detection, a JSON record with no threat) are valid input, not dead letters, but they are counted by
 * reason ({@code vigie_av_ignored_records_total{reason}}): a shipper that wraps lines where Vigie does not look
 * shows up there as a flood of "not a detection" instead of vanishing. The reasons are the parsers' constants.
 */
final class AvDetectionsOnly implements FixedKeyProcessor<String, AvLine, AvEvent> {

    private FixedKeyProcessorContext<String, AvEvent> context;
    private CounterSensors counters;

    @Override
    public void init(final FixedKeyProcessorContext<String, AvEvent> ctx) {
        this.context = ctx;
        this.counters = new CounterSensors(ctx.metrics(), "vigie-av");
    }

    @Override
    public void process(final FixedKeyRecord<String, AvLine> line) {
        final AvEvent event = line.value().event();
        if (event != null && event.threat() != null) {
            context.forward(line.withValue(event));
            return;
        }
        final String reason =
                line.value().ignoredBecause() != null ? line.value().ignoredBecause() : "no threat";
        counters.add(
                "av-ignored-records-total",
                "Antivirus records read that are not detections, by reason",
                Map.of("reason", reason),
                1);
    }
}
