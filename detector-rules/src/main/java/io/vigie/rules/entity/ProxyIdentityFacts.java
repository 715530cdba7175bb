package io.vigie.rules.entity;

import io.vigie.core.model.ProxyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Proxy requests to identity facts, on the proxy's hot path and before any repartition: a request gives facts only
 * when its (client address, user) pair is new here or was last passed on more than {@code refresh} of event time
 * before. Nearly every request repeats the pair of the one before it from that workstation, so this keeps the
 * repartition topic to a few records per workstation and hour instead of one per request.
 *
 * <p>The pairs are remembered in memory only, in a bounded most-recently-used map per task: after a restart, a
 * rebalance or an eviction, a pair's fact is sent again. That is harmless, the timeline absorbs a fact it already
 * has (same account, same interval), which is why this needs no state store nor changelog.
 */
final class ProxyIdentityFacts implements Processor<String, ProxyEvent, String, IdentityFact> {

    static final String SOURCE = "proxy";

    private final UserMapping mapping;
    private final long refreshMillis;
    private final Map<Pair, Long> lastPassed;
    private ProcessorContext<String, IdentityFact> context;

    /** Raw forms as logged: no normalisation for requests that give nothing new. */
    private record Pair(String ip, String user) {}

    ProxyIdentityFacts(final UserMapping mapping, final Duration refresh, final int maxPairs) {
        this.mapping = mapping;
        this.refreshMillis = refresh.toMillis();
        this.lastPassed = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<Pair, Long> eldest) {
                return size() > maxPairs;
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, IdentityFact> ctx) {
        this.context = ctx;
    }

    @Override
    public void process(final Record<String, ProxyEvent> request) {
        final ProxyEvent e = request.value();
        if (e == null || e.user() == null || e.clientIp() == null) {
            return;
        }
        final long time = e.time() != null ? e.time().toEpochMilli() : request.timestamp();
        final Pair pair = new Pair(e.clientIp(), e.user());
        final Long last = lastPassed.get(pair);
        if (last != null && Math.abs(time - last) < refreshMillis) {
            return;
        }
        lastPassed.put(pair, time);
        final String account = mapping.accountOfUser(e.user());
        if (account == null) {
            return;
        }
        final Instant at = Instant.ofEpochMilli(time);
        final String accountKey = IdentityFact.accountKey(account);
        final String ip = IdentityFact.canonicalAddress(e.clientIp());
        if (ip != null) {
            final String addressKey = IdentityFact.addressKey(ip);
            context.forward(request.withKey(addressKey)
                    .withValue(new IdentityFact(
                            at, IdentityFact.Kind.ADDRESS, addressKey, account, null, ip, null, SOURCE)));
            context.forward(request.withKey(accountKey)
                    .withValue(new IdentityFact(
                            at, IdentityFact.Kind.ACCOUNT, accountKey, account, null, ip, null, SOURCE)));
            return;
        }
        // A proxy that resolves its clients (Squid's log_fqdn) logs the workstation's name instead of its address.
        final String host = IdentityFact.canonicalHost(e.clientIp());
        if (host != null) {
            final String hostKey = IdentityFact.hostKey(host);
            context.forward(request.withKey(hostKey)
                    .withValue(
                            new IdentityFact(at, IdentityFact.Kind.HOST, hostKey, account, host, null, null, SOURCE)));
            context.forward(request.withKey(accountKey)
                    .withValue(new IdentityFact(
                            at, IdentityFact.Kind.ACCOUNT, accountKey, account, host, null, null, SOURCE)));
        }
    }
}
