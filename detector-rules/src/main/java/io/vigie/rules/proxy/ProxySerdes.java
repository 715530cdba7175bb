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

    static final BinarySerde<DestinationInput> INPUT = BinarySerde.of("proxy destination input", 0x61,
            new BinarySerde.Codec<>() {
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
                }

                @Override
                public DestinationInput read(final BinarySerde.In in) {
                    final ProxyEvent event = in.bool() ? readEvent(in) : null;
                    final Indicator indicator = in.bool() ? readIndicator(in) : null;
                    return new DestinationInput(event, indicator);
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

    private ProxySerdes() {
    }

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
        return new ProxyEvent(in.instant(), in.string(), in.string(), in.string(), in.string(), in.string(),
                in.string(), in.string(), in.varInt(), in.string(), in.string(), in.varInt(), in.string(), in.bool(),
                in.varLong(), in.string(), in.string(), in.string(), in.varLong());
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
        return new Indicator(in.enumValue(KINDS), in.string(), in.string(), in.string(), in.string(), strings(in),
                in.string(), in.instant(), in.string());
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
