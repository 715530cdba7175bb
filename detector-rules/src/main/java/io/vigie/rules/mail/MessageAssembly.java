package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.net.MailDomains;
import io.vigie.rules.store.CachedStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Joins the Postfix lines of one message, keyed by {@code host|queue id}, whatever order they
 * arrive in (lines of one message can come through different partitions of the raw topic).
 *
 * <p>The joining itself, pflogsumm's counting rules and the timeouts are {@link MessageJoin}'s; this processor
 * keeps the message states in {@code postfix-message-store} and forwards the join's outputs: counts keyed by
 * address, finished messages keyed by {@code host|queue id}, and queue shares keyed by host. Lines of one message
 * can be read out of order when the shipper spreads them over partitions, so a finished message's state lingers
 * for a while: a late line still finds its size and sender, and is not mistaken for a new message. A new
 * reception line on a finished message means Postfix reused the queue id: the old state is dropped. A wall-clock
 * punctuator does the flushing and computes this partition's share of each host's queue state.
 */
final class MessageAssembly implements Processor<String, List<PostfixEvent>, String, AssemblyOutput> {

    public static final String STORE = "postfix-message-store";
    /** Messages whose lines are still coming in: a few minutes of mail, far fewer than a day's. */
    private static final int CACHE_ENTRIES = 20_000;

    private final MessageJoin join;
    private final Duration statusInterval;
    private ProcessorContext<String, AssemblyOutput> context;
    private CachedStore<MessageState> store;
    private final MessageJoin.Sink forward = new Forward();

    public MessageAssembly(
            final MailDirections directions,
            final MailDomains domains,
            final Duration messageTimeout,
            final Duration statusInterval) {
        this.join = new MessageJoin(directions, domains, messageTimeout);
        this.statusInterval = statusInterval;
    }

    public static StoreBuilder<KeyValueStore<String, MessageState>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), MessageState.SERDE)
                .withCachingEnabled();
    }

    @Override
    public void init(final ProcessorContext<String, AssemblyOutput> ctx) {
        this.context = ctx;
        this.store = new CachedStore<>(ctx.getStateStore(STORE), CACHE_ENTRIES);
        ctx.schedule(statusInterval, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    /** One record holds lines of one message, in the order they were read: the state is written once for all. */
    @Override
    public void process(final Record<String, List<PostfixEvent>> linesRecord) {
        final String key = linesRecord.key();
        final MessageState state =
                join.join(key, store.get(key), linesRecord.value(), linesRecord.timestamp(), forward);
        if (state != null) { // null only for a record without lines, which the parser never groups
            store.put(key, state);
        }
    }

    /** Flushes messages that timed out and reports this partition's share of every host's queue. */
    private void sweep() {
        final long streamTime = context.currentStreamTimeMs();
        if (streamTime < 0) {
            return;
        }
        final MessageJoin.Sweep sweep;
        try (KeyValueIterator<String, MessageState> all = store.store().all()) {
            sweep = join.scan(streamTime, new java.util.Iterator<Map.Entry<String, MessageState>>() {
                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public Map.Entry<String, MessageState> next() {
                    final KeyValue<String, MessageState> kv = all.next();
                    return Map.entry(kv.key, kv.value);
                }
            });
        }
        join.flush(sweep, streamTime, context.taskId().partition(), store, forward);
    }

    /** The join's outputs, forwarded downstream with their keys. */
    private final class Forward implements MessageJoin.Sink {
        @Override
        public void count(final MailCount count, final long timestamp) {
            context.forward(new Record<>(count.address(), new AssemblyOutput.Count(count), timestamp));
        }

        @Override
        public void message(final String key, final MailMessage message, final long timestamp) {
            context.forward(new Record<>(key, new AssemblyOutput.Message(message), timestamp));
        }

        @Override
        public void queueShare(final QueuePartial partial, final long timestamp) {
            context.forward(new Record<>(partial.host(), new AssemblyOutput.QueueShare(partial), timestamp));
        }
    }
}
