package io.vigie.rules.vpn;

import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.auth.AuthLine;
import io.vigie.rules.metrics.CounterSensors;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keeps the lines that are session events, counting them by parser and kind
 * ({@code vigie_auth_sessions_total{source,kind}}). The others (a handshake step, an ASA message about something
 * else, another program of the gateway) are valid input, not dead letters, but they are counted by reason
 * ({@code vigie_auth_ignored_lines_total{reason}}): a shipper that sends a gateway's whole syslog shows up there
 * as a flood of "other program" instead of vanishing. The reasons are the parsers' constants, so the tag stays
 * low-cardinality.
 */
final class SessionsOnly implements FixedKeyProcessor<String, AuthLine, AuthSession> {

    private FixedKeyProcessorContext<String, AuthSession> context;
    private CounterSensors counters;

    @Override
    public void init(final FixedKeyProcessorContext<String, AuthSession> ctx) {
        this.context = ctx;
        this.counters = new CounterSensors(ctx.metrics(), "vigie-auth");
    }

    @Override
    public void process(final FixedKeyRecord<String, AuthLine> line) {
        final AuthSession session = line.value().session();
        if (session != null) {
            counters.add(
                    "auth-sessions-total",
                    "VPN session events read, by parser and kind",
                    Map.of(
                            "source",
                            session.source(),
                            "kind",
                            session.kind().name().toLowerCase(Locale.ROOT)),
                    1);
            context.forward(line.withValue(session));
            return;
        }
        counters.add(
                "auth-ignored-lines-total",
                "VPN gateway lines read that are not session events, by reason",
                Map.of("reason", line.value().ignoredBecause()),
                1);
    }
}
