package io.vigie.app.mail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vigie.app.metrics.PeriodicRefresh;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus gauges of the current top 20: {@code vigie_mail_top_messages} (from the lists by
 * message count) and {@code vigie_mail_top_bytes} (from the lists by bytes), labelled window
 * (day, hour), direction, role, rank and address. Only the addresses currently in a top list carry
 * a label, and the rows are replaced at each refresh, so the number of series stays bounded
 * (at most 2 windows × 3 directions × 2 roles × 20 ranks per metric).
 */
public final class TopGauges implements AutoCloseable {

    private static final String[] WINDOWS = {"day", "hour"};

    private final TopSnapshots snapshots;
    private final MultiGauge messages;
    private final MultiGauge bytes;
    private PeriodicRefresh refresher;

    public TopGauges(final TopSnapshots snapshots, final MeterRegistry registry) {
        this.snapshots = snapshots;
        this.messages = MultiGauge.builder("vigie.mail.top.messages")
                .description("Messages of the addresses currently in the top lists by message count")
                .baseUnit("messages")
                .register(registry);
        this.bytes = MultiGauge.builder("vigie.mail.top.bytes")
                .description("Bytes of the addresses currently in the top lists by size")
                .baseUnit("bytes")
                .register(registry);
    }

    public TopGauges start(final long periodSeconds) {
        refresher = PeriodicRefresh.every(periodSeconds, "vigie-top-gauges", this::refresh);
        return this;
    }

    public void refresh() {
        final List<MultiGauge.Row<?>> countRows = new ArrayList<>();
        final List<MultiGauge.Row<?>> byteRows = new ArrayList<>();
        for (final String window : WINDOWS) {
            final Optional<TopSnapshot> snapshot = snapshots.latest(window);
            if (snapshot.isEmpty()) {
                continue;
            }
            for (final Map.Entry<String, TopLists> direction : Map.of(
                            "all",
                            snapshot.get().all(),
                            "inbound",
                            snapshot.get().inbound(),
                            "outbound",
                            snapshot.get().outbound())
                    .entrySet()) {
                final TopLists lists = direction.getValue();
                addRows(countRows, window, direction.getKey(), "sender", lists.sendersByCount(), true);
                addRows(countRows, window, direction.getKey(), "recipient", lists.recipientsByCount(), true);
                addRows(byteRows, window, direction.getKey(), "sender", lists.sendersByBytes(), false);
                addRows(byteRows, window, direction.getKey(), "recipient", lists.recipientsByBytes(), false);
            }
        }
        messages.register(countRows, true);
        bytes.register(byteRows, true);
    }

    private static void addRows(
            final List<MultiGauge.Row<?>> rows,
            final String window,
            final String direction,
            final String role,
            final List<TopEntry> entries,
            final boolean byCount) {
        int rank = 1;
        for (final TopEntry entry : entries) {
            final double value = byCount ? entry.messages() : entry.bytes();
            rows.add(MultiGauge.Row.of(
                    Tags.of(
                            "window",
                            window,
                            "direction",
                            direction,
                            "role",
                            role,
                            "rank",
                            Integer.toString(rank++),
                            "address",
                            entry.address()),
                    value));
        }
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
    }
}
