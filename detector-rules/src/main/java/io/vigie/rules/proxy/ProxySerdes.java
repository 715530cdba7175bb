package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.serde.BinarySerde;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary serdes of the proxy flow's internal records: every request crosses the repartition by destination, and
 * its contact is written to the contacts store; JSON there cost more than the detections themselves.
 */
final class ProxySerdes {

    private static final Indicator.Kind[] KINDS = Indicator.Kind.values();

    static final BinarySerde<DestinationInput> INPUT =
            BinarySerde.of("proxy destination input", 0x61, new BinarySerde.Codec<>() {
                @Override
                public void write(final BinarySerde.Out out, final DestinationInput input) {
                    out.bool(input.event() != null);
                    if (input.event() != null) {
                        writeEvent(out, input.event());
                    }
                    out.bool(input.indicator() != null);
                    if (input.indicator() != null) {
                        writeIndicator(out, input.indicator());
                    }
                    // Requests and indicators end here, byte for byte as before the correlations: the records in
                    // flight when an engine is upgraded read the same both ways.
                    if (input.lure() != null || input.av() != null) {
                        out.bool(input.lure() != null);
                        if (input.lure() != null) {
                            writeLure(out, input.lure());
                        }
                        out.bool(input.av() != null);
                        if (input.av() != null) {
                            writeAv(out, input.av());
                        }
                    }
                }

                @Override
                public DestinationInput read(final BinarySerde.In in) {
                    final ProxyEvent event = in.bool() ? readEvent(in) : null;
                    final Indicator indicator = in.bool() ? readIndicator(in) : null;
                    if (!in.hasMore()) {
                        return new DestinationInput(event, indicator, null, null);
                    }
                    final Lure lure = in.bool() ? readLure(in) : null;
                    final AvSighting av = in.bool() ? readAv(in) : null;
                    return new DestinationInput(event, indicator, lure, av);
                }
            });

    static final BinarySerde<Contact> CONTACT = BinarySerde.of("proxy contact", 0x62, new BinarySerde.Codec<>() {
        @Override
        public void write(final BinarySerde.Out out, final Contact c) {
            out.string(c.client());
            out.instant(c.first());
            out.instant(c.last());
            out.varLong(c.requests());
            out.varLong(c.blocked());
            strings(out, c.users());
        }

        @Override
        public Contact read(final BinarySerde.In in) {
            return new Contact(in.string(), in.instant(), in.instant(), in.varLong(), in.varLong(), strings(in));
        }
    });

    private ProxySerdes() {}

    private static void writeEvent(final BinarySerde.Out out, final ProxyEvent e) {
        out.instant(e.time());
        out.string(e.format());
        out.string(e.clientIp());
        out.string(e.user());
        out.string(e.method());
        out.string(e.url());
        out.string(e.scheme());
        out.string(e.host());
        out.varLong(e.port());
        out.string(e.path());
        out.string(e.query());
        out.varLong(e.status());
        out.string(e.action());
        out.bool(e.blocked());
        out.varLong(e.bytes());
        out.string(e.contentType());
        out.string(e.referer());
        out.string(e.userAgent());
        out.varLong(e.durationMs());
    }

    private static ProxyEvent readEvent(final BinarySerde.In in) {
        return new ProxyEvent(
                in.instant(),
                in.string(),
                in.string(),
                in.string(),
                in.string(),
                in.string(),
                in.string(),
                in.string(),
                in.varInt(),
                in.string(),
                in.string(),
                in.varInt(),
                in.string(),
                in.bool(),
                in.varLong(),
                in.string(),
                in.string(),
                in.string(),
                in.varLong());
    }

    private static void writeIndicator(final BinarySerde.Out out, final Indicator i) {
        out.enumValue(i.kind());
        out.string(i.value());
        out.string(i.source());
        out.string(i.reference());
        out.string(i.threat());
        strings(out, i.tags());
        out.string(i.status());
        out.instant(i.added());
        out.string(i.seenBy());
    }

    private static Indicator readIndicator(final BinarySerde.In in) {
        return new Indicator(
                in.enumValue(KINDS),
                in.string(),
                in.string(),
                in.string(),
                in.string(),
                strings(in),
                in.string(),
                in.instant(),
                in.string());
    }

    private static void writeLure(final BinarySerde.Out out, final Lure lure) {
        out.string(lure.alertId());
        out.string(lure.rule());
        out.string(lure.host());
        out.instant(lure.delivered());
        strings(out, lure.accounts());
    }

    private static Lure readLure(final BinarySerde.In in) {
        return new Lure(in.string(), in.string(), in.string(), in.instant(), strings(in));
    }

    private static void writeAv(final BinarySerde.Out out, final AvSighting av) {
        out.string(av.alertId());
        out.string(av.rule());
        out.instant(av.time());
        strings(out, av.clients());
        out.string(av.host());
        out.string(av.threat());
    }

    private static AvSighting readAv(final BinarySerde.In in) {
        return new AvSighting(in.string(), in.string(), in.instant(), strings(in), in.string(), in.string());
    }

    private static void strings(final BinarySerde.Out out, final List<String> values) {
        out.varLong(values.size());
        values.forEach(out::string);
    }

    private static List<String> strings(final BinarySerde.In in) {
        final int size = in.varInt();
        final List<String> values = new ArrayList<>(Math.min(size, 64));
        for (int i = 0; i < size; i++) {
            values.add(in.string());
        }
        return values;
    }
}
