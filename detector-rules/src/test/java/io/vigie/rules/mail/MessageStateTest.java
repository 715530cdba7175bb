package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.core.model.DeliveryDelays;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class MessageStateTest {

    private static MessageState deferredMessage() {
        final MessageState state = new MessageState();
        state.host = "mx";
        state.queueId = "5D70F20E163";
        state.firstSeen = Instant.parse("2026-11-28T05:24:13.949958Z");
        state.lastSeen = Instant.parse("2026-11-28T05:24:14Z");
        state.received = true;
        state.clientHost = "unknown";
        state.clientIp = "2001:db8::25";
        state.saslUsername = "secretariat";
        state.messageId = "20261128.abc@chu-exemple.fr";
        state.queuedSeen = true;
        state.queuedAt = state.lastSeen;
        state.sender = "";
        state.size = 190_686L;
        state.nrcpt = 2;
        state.senderCounted = true;
        state.rejectReason = "on hold: é";
        final MessageState.RecipientState deferred = state.recipient("bob@example.net", "alias@chu-exemple.fr");
        deferred.status = "deferred";
        deferred.relay = "none";
        deferred.delay = 3.5;
        deferred.delays = new DeliveryDelays(0.1, 0, 3.2, 0.2);
        deferred.detail = "connect to example.net[192.0.2.1]:25: Connection refused";
        deferred.attempts = 2;
        deferred.lastAttempt = state.lastSeen;
        state.recipient("carol@chu-exemple.fr", null);
        state.pendingBytes.add(new MessageState.PendingBytes(state.firstSeen, "carol@chu-exemple.fr"));
        return state;
    }

    @Test
    void shouldReadBackEveryFieldOfAStoredMessage() {
        final MessageState state = deferredMessage();

        assertThat(MessageState.SERDE.fromBytes(MessageState.SERDE.toBytes(state)))
                .usingRecursiveComparison()
                .isEqualTo(state);
        assertThat(MessageState.SERDE.fromBytes(MessageState.SERDE.toBytes(new MessageState())))
                .usingRecursiveComparison()
                .isEqualTo(new MessageState());
    }

    @Test
    void shouldReadBackAReinjectedMessage() {
        final MessageState state = deferredMessage();
        state.reinjected = true;
        state.reinjectedFrom = "1A2B3C4D5E";

        assertThat(MessageState.SERDE.fromBytes(MessageState.SERDE.toBytes(state)))
                .usingRecursiveComparison()
                .isEqualTo(state);
    }

    @Test
    void shouldReadAStateWrittenBeforeTheReinjectionFieldsWereAppended() {
        // the older layout ended with the pending bytes: the two appended fields (false, null) take two bytes
        final MessageState state = deferredMessage();
        final byte[] bytes = MessageState.SERDE.toBytes(state);
        final byte[] older = Arrays.copyOf(bytes, bytes.length - 2);

        assertThat(MessageState.SERDE.fromBytes(older))
                .usingRecursiveComparison()
                .isEqualTo(state);
    }

    @Test
    void shouldRefuseAStoredValueCutShort() {
        final byte[] bytes = MessageState.SERDE.toBytes(deferredMessage());

        assertThatThrownBy(() -> MessageState.SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(SerializationException.class);
    }
}
