package io.vigie.core.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.QueueSnapshot;
import io.vigie.core.model.QueuedMessage;
import io.vigie.core.model.QueuedRecipient;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the output of one {@code postqueue -j} run (one JSON object per line, one line per queued
 * message; empty output means empty queues) into a {@link QueueSnapshot}.
 *
 * <p>All or nothing: one malformed line refuses the whole snapshot with {@value #BAD_JSON}, because a
 * partial snapshot would under-count the queue and hide the congestion it is read to detect. Input
 * size and message count are bounded. Thread-safe; never throws for bad input.
 */
public final class PostqueueSnapshotParser {

    public static final String SOURCE = "postqueue";
    public static final int DEFAULT_MAX_INPUT_CHARS = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGES = 1_000_000;

    public static final String MISSING_INPUT = "missing input";
    public static final String INPUT_TOO_LARGE = "input too large";
    public static final String TOO_MANY_MESSAGES = "too many messages";
    public static final String BAD_JSON = "bad postqueue json";

    private final int maxInputChars;
    private final int maxMessages;

    public PostqueueSnapshotParser() {
        this(DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_MESSAGES);
    }

    /**
     * @param maxInputChars longer input is refused with {@value #INPUT_TOO_LARGE}
     * @param maxMessages   more messages are refused with {@value #TOO_MANY_MESSAGES}
     */
    public PostqueueSnapshotParser(final int maxInputChars, final int maxMessages) {
        if (maxInputChars <= 0 || maxMessages <= 0) {
            throw new IllegalArgumentException(
                    "limits must be positive: maxInputChars=" + maxInputChars + ", maxMessages=" + maxMessages);
        }
        this.maxInputChars = maxInputChars;
        this.maxMessages = maxMessages;
    }

    public String source() {
        return SOURCE;
    }

    /**
     * @param text    the complete standard output of {@code postqueue -j}; empty or blank means empty queues
     * @param takenAt when it was run
     * @param host    on which Postfix host
     */
    public ParseResult<QueueSnapshot> parse(final String text, final Instant takenAt, final String host) {
        Objects.requireNonNull(takenAt, "takenAt");
        if (text == null) {
            return ParseResult.failed(SOURCE, MISSING_INPUT, null);
        }
        if (text.length() > maxInputChars) {
            return ParseResult.failed(SOURCE, INPUT_TOO_LARGE, text);
        }
        try {
            final List<QueuedMessage> messages = new ArrayList<>();
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    end = text.length();
                }
                final String line = text.substring(start, end).strip();
                start = end + 1;
                if (line.isEmpty()) {
                    continue;
                }
                if (messages.size() >= maxMessages) {
                    return ParseResult.failed(SOURCE, TOO_MANY_MESSAGES, text);
                }
                final QueuedMessage message = readMessage(line);
                if (message == null) {
                    return ParseResult.failed(SOURCE, BAD_JSON, text);
                }
                messages.add(message);
            }
            return ParseResult.ok(new QueueSnapshot(takenAt, host, messages));
        } catch (final IOException | RuntimeException e) {
            return ParseResult.failed(SOURCE, BAD_JSON, text);
        }
    }

    /** One line: exactly one JSON object with the fields postqueue writes; null when it is not. */
    private static QueuedMessage readMessage(final String line) throws IOException {
        final JsonNode node;
        try (JsonParser parser = JsonSerde.MAPPER.createParser(line)) {
            node = JsonSerde.MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                return null;
            }
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        final String queueName = text(node, "queue_name");
        final String queueId = text(node, "queue_id");
        final JsonNode arrival = node.get("arrival_time");
        final JsonNode size = node.get("message_size");
        final String sender = text(node, "sender");
        final JsonNode recipientNodes = node.get("recipients");
        if (queueName == null
                || queueId == null
                || sender == null
                || !isNonNegativeLong(arrival)
                || !isNonNegativeLong(size)
                || recipientNodes == null
                || !recipientNodes.isArray()) {
            return null;
        }
        final List<QueuedRecipient> recipients = new ArrayList<>(recipientNodes.size());
        for (final JsonNode recipient : recipientNodes) {
            final String address = recipient.isObject() ? text(recipient, "address") : null;
            if (address == null) {
                return null;
            }
            final JsonNode reason = recipient.get("delay_reason");
            if (reason != null && !reason.isNull() && !reason.isTextual()) {
                return null;
            }
            recipients.add(new QueuedRecipient(address, reason == null || reason.isNull() ? null : reason.asText()));
        }
        return new QueuedMessage(
                queueName, queueId, Instant.ofEpochSecond(arrival.longValue()), size.longValue(), sender, recipients);
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static boolean isNonNegativeLong(final JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0;
    }
}
