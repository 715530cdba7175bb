package io.vigie.rules.vpn;

import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.auth.AuthLine;
import io.vigie.core.parse.auth.AuthParsers;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * VPN sessions, from the gateways' lines to one event per session start or end, keyed by account.
 *
 * <ol>
 *   <li>{@code raw.auth}: string lines (one, or several separated by LF, per record), any key, in any of the formats
 *       {@link AuthParsers#auto} tells apart: OpenVPN and strongSwan syslog, Cisco ASA AnyConnect messages, the
 *       generic JSON record. Lines of a known gateway that say nothing about a session, and syslog lines of other
 *       programs, are counted ({@code vigie_auth_ignored_lines_total{reason}}) and left; unreadable ones go to
 *       {@code dlq} with their reason, topic, partition and offset.</li>
 *   <li>{@code events.auth}: each {@link AuthSession} as JSON (ISO-8601 times), keyed by user (lower case), stamped
 *       with the session event's own time, so that windows downstream follow the gateways' clocks.</li>
 * </ol>
 * No window, no state.
 */
public final class VpnSessions {

    /** The name of this part's processors and of its dead letters' source. */
    public static final String NAME = "auth";

    public static final JsonSerde<AuthSession> SESSION_SERDE = JsonSerde.of(AuthSession.class);

    private VpnSessions() {}

    /**
     * @return the sessions keyed by user. The key was changed after reading, so a stateful step on this stream makes
     *         Kafka Streams repartition it first: name that repartition ({@code Grouped}, {@code Repartitioned}) as
     *         every other one is named.
     */
    public static KStream<String, AuthSession> addTo(final StreamsBuilder builder, final RulesConfig config) {
        final TopicNames topics = config.topics();
        final AuthParsers parsers = new AuthParsers(config.zone(), config.clock());
        final KStream<String, String> raw = builder.stream(
                topics.rawAuth(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("auth-raw-source"));
        final ParsingStep.MultiParser<String, AuthLine> reading = (key, line, timestamp) -> List.of(parsers.auto(line));
        final KStream<String, AuthSession> sessions = ParsingStep.parseLines(
                        raw,
                        NAME,
                        reading,
                        line -> line.session() == null ? null : line.session().time(),
                        topics.dlq())
                .processValues(SessionsOnly::new, Named.as("auth-sessions-only"))
                .selectKey((key, session) -> session.user(), Named.as("auth-key-by-user"));
        sessions.to(
                topics.authEvents(),
                Produced.with(Serdes.String(), SESSION_SERDE).withName("auth-events-sink"));
        return sessions;
    }
}
