package io.vigie.rules.av;

import io.vigie.core.model.AvEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.metrics.CounterSensors;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts every antivirus detection, then forwards the alerts {@link AvEventDetections} raises for it. The count,
 * exported as {@code vigie_av_detections_total{product,outcome,origin}}, is what the dashboard shows: most
 * detections raise no alert (contained, not from the internet, not on a server), yet their volume per product
 * is how a SOC sees an antivirus go quiet or a wave start. The tags are bounded: product names come from the
 * parsers, outcome and origin are two values each.
 */
final class AvJudge implements FixedKeyProcessor<String, AvEvent, Alert> {

    private static final String GROUP = "vigie-av";

    private final AvEventDetections detections;
    private FixedKeyProcessorContext<String, Alert> context;
    private CounterSensors counters;

    AvJudge(final AvEventDetections detections) {
        this.detections = detections;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.counters = new CounterSensors(ctx.metrics(), GROUP);
    }

    @Override
    public void process(final FixedKeyRecord<String, AvEvent> detection) {
        final AvEvent e = detection.value();
        final String internetOrigin = detections.internetOrigin(e);
        counters.add(
                "av-detections-total",
                "Antivirus detections read, by product, outcome and origin",
                Map.of(
                        "product",
                        e.product() == null ? "unknown" : e.product().toLowerCase(Locale.ROOT),
                        "outcome",
                        AvAlerts.contained(e) ? "contained" : "not_contained",
                        "origin",
                        internetOrigin != null ? "internet" : "other"),
                1);
        for (final Alert alert : detections.judge(e, internetOrigin)) {
            context.forward(detection.withValue(alert));
        }
    }
}
