package io.vigie.rules.av;

import io.vigie.core.model.AvEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.DecisionProcessor;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.store.JsonStores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * "Outbreak": the same threat, or the same file, on {@code antivirus.outbreak-hosts} distinct hosts within
 * {@code antivirus.outbreak-window}. Input: detections keyed by {@code threat:<name>} and by {@code sha256:<hash>}
 * (one detection can count under both). State: per key, each host's last detection within the window. Fires
 * when the count reaches the threshold, and again only when it doubles, so a spreading outbreak is followed
 * without a flood. The decision is pure; {@link #processor} keeps its state in {@code av-outbreak-store} and forwards
 * the alert under the input's key and time (the time the parsing step bounded; the alert's @timestamp is the
 * event's).
 */
final class OutbreakDetection implements Decision<OutbreakDetection.Spread, AvEvent, Alert> {

    static final String STORE = "av-outbreak-store";
    static final AlertRule RULE = new AlertRule(
            "vigie.av.outbreak",
            "Same malware on several hosts",
            "The same threat or the same file was detected on several hosts within a short time: it is spreading, "
                    + "or one campaign reached many users.",
            AlertLevel.HIGH,
            List.of("malware"),
            "vigie.av",
            List.of(
                    "Find the common entry: a mail (quarantine campaigns), a share, a download, a USB key.",
                    "Isolate the listed hosts that did not contain it, keeping them powered on.",
                    "Block the file hash and its source at the gateway, the proxy and the EDR.",
                    "Check whether servers are listed: if so, call the CERT."));
    private static final int MAX_LISTED = 50;

    private final AntivirusConfig config;

    OutbreakDetection(final AntivirusConfig config) {
        this.config = config;
    }

    /** Hosts and their last detection (epoch ms), and the host count at the last alert (0: none yet). */
    record Spread(Map<String, Long> hosts, int alertedAt) {}

    static StoreBuilder<KeyValueStore<String, Spread>> storeBuilder() {
        return JsonStores.keyValue(STORE, Spread.class);
    }

    /** The rule's thin processor: state and alerts under the input's key (a threat or a file). */
    static DecisionProcessor<AvEvent, Spread, Alert> processor(final AntivirusConfig config) {
        return DecisionProcessor.inStore(
                STORE, DecisionProcessor.recordKey(), DecisionProcessor.recordKey(), new OutbreakDetection(config));
    }

    /**
     * Notes a detection under one of its keys; the alert when the hosts reach the threshold or double.
     *
     * @param key    {@code threat:<name>} or {@code sha256:<hash>}
     * @param before the hosts seen under the key within the window, null when none
     */
    @Override
    public Outcome<Spread, Alert> decide(final String key, final Spread before, final AvEvent e) {
        if (e.host() == null) {
            return Outcome.unchanged();
        }
        final long now = e.time().toEpochMilli();
        final Map<String, Long> hosts = before == null ? new TreeMap<>() : new TreeMap<>(before.hosts());
        hosts.merge(e.host(), now, Math::max);
        hosts.values().removeIf(at -> at <= now - config.outbreakWindow().toMillis());
        int alertedAt = before == null ? 0 : before.alertedAt();
        Alert alert = null;
        if (hosts.size() < config.outbreakHosts()) {
            alertedAt = 0;
        } else if (alertedAt == 0 || hosts.size() >= 2 * alertedAt) {
            alertedAt = hosts.size();
            alert = alert(key, e, hosts);
        }
        return Outcome.put(new Spread(hosts, alertedAt), Optional.ofNullable(alert));
    }

    private Alert alert(final String key, final AvEvent e, final Map<String, Long> hosts) {
        final Instant first =
                Instant.ofEpochMilli(hosts.values().stream().min(Long::compare).orElseThrow());
        final List<String> listed = hosts.keySet().stream().limit(MAX_LISTED).toList();
        // One entity per level reached (3, 6, 12... hosts): each is a new alert, not a throttled repeat.
        return RULE.raise(
                        e.time(),
                        key + "|" + hosts.size(),
                        first,
                        (key.startsWith("threat:") ? e.threat() : "file " + e.sha256()) + " detected on " + hosts.size()
                                + " hosts within " + config.outbreakWindow())
                .related("hosts", listed)
                .related("hash", e.sha256() == null ? List.of() : List.of(e.sha256()))
                .observed("key", key)
                .observed("threat", e.threat())
                .observed("hosts", hosts.size())
                .observed("threshold", config.outbreakHosts())
                .observed("first_seen", first.toString())
                .observed("last_seen", e.time().toString())
                .build();
    }
}
