package io.vigie.core.serde;

import io.vigie.core.model.DeliveryDelays;
import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary serdes of the mail flow's internal records: the parsed lines on their way to the message assembly
 * (grouped by queue id) and the counts on their way to the top lists.
 */
public final class PostfixSerdes {

    private static final PostfixKind[] KINDS = PostfixKind.values();
    private static final Direction[] DIRECTIONS = Direction.values();
    private static final MailCount.Role[] ROLES = MailCount.Role.values();

    private static final BinarySerde.Codec<PostfixEvent> EVENT = new BinarySerde.Codec<>() {
        @Override
        public void write(final BinarySerde.Out out, final PostfixEvent e) {
            out.instant(e.time());
            out.string(e.host());
            out.string(e.instance());
            out.string(e.service());
            out.string(e.queueId());
            out.enumValue(e.kind());
            out.string(e.clientHost());
            out.string(e.clientIp());
            out.string(e.saslUsername());
            out.string(e.messageId());
            out.string(e.sender());
            out.nullableLong(e.size());
            out.nullableLong(e.nrcpt() == null ? null : e.nrcpt().longValue());
            out.string(e.recipient());
            out.string(e.origRecipient());
            out.string(e.relay());
            out.nullableDouble(e.delay());
            writeDelays(out, e.delays());
            out.string(e.dsn());
            out.string(e.status());
            out.string(e.detail());
            out.bool(e.forwarded());
            out.string(e.relatedQueueId());
            out.bool(e.pflogsummVisible());
        }

        @Override
        public PostfixEvent read(final BinarySerde.In in) {
            return new PostfixEvent(
                    in.instant(),
                    in.string(),
                    in.string(),
                    in.string(),
                    in.string(),
                    in.enumValue(KINDS),
                    in.string(),
                    in.string(),
                    in.string(),
                    in.string(),
                    in.string(),
                    in.nullableLong(),
                    nullableInt(in.nullableLong()),
                    in.string(),
                    in.string(),
                    in.string(),
                    in.nullableDouble(),
                    readDelays(in),
                    in.string(),
                    in.string(),
                    in.string(),
                    in.bool(),
                    in.string(),
                    in.bool());
        }
    };

    /** Lines of one message, in the order they were read. */
    public static final BinarySerde<List<PostfixEvent>> LINES =
            BinarySerde.of("postfix lines", 0x51, new BinarySerde.Codec<>() {
                @Override
                public void write(final BinarySerde.Out out, final List<PostfixEvent> lines) {
                    out.varLong(lines.size());
                    lines.forEach(line -> EVENT.write(out, line));
                }

                @Override
                public List<PostfixEvent> read(final BinarySerde.In in) {
                    final int size = in.varInt();
                    if (size < 0) {
                        throw new org.apache.kafka.common.errors.SerializationException("negative line count");
                    }
                    final List<PostfixEvent> lines = new ArrayList<>(Math.min(size, 1024));
                    for (int i = 0; i < size; i++) {
                        lines.add(EVENT.read(in));
                    }
                    return lines;
                }
            });

    public static final BinarySerde<MailCount> COUNT = BinarySerde.of("mail count", 0x52, new BinarySerde.Codec<>() {
        @Override
        public void write(final BinarySerde.Out out, final MailCount c) {
            out.instant(c.time());
            out.enumValue(c.role());
            out.string(c.address());
            out.enumValue(c.direction());
            out.varLong(c.messages());
            out.varLong(c.bytes());
            out.string(c.counterpart());
        }

        @Override
        public MailCount read(final BinarySerde.In in) {
            return new MailCount(
                    in.instant(),
                    in.enumValue(ROLES),
                    in.string(),
                    in.enumValue(DIRECTIONS),
                    in.varInt(),
                    in.varLong(),
                    in.string());
        }
    });

    private PostfixSerdes() {}

    /** Postfix's {@code delays=a/b/c/d}, or null, as the lines and the message store write it. */
    public static void writeDelays(final BinarySerde.Out out, final DeliveryDelays delays) {
        out.bool(delays != null);
        if (delays != null) {
            out.dbl(delays.beforeQueueManager());
            out.dbl(delays.inQueueManager());
            out.dbl(delays.connectionSetup());
            out.dbl(delays.transmission());
        }
    }

    public static DeliveryDelays readDelays(final BinarySerde.In in) {
        return in.bool() ? new DeliveryDelays(in.dbl(), in.dbl(), in.dbl(), in.dbl()) : null;
    }

    private static Integer nullableInt(final Long value) {
        return value == null ? null : Math.toIntExact(value);
    }
}
