package io.vigie.core.parse.av;

import io.vigie.core.model.AvEvent;
import java.time.Instant;

/** Mutable collector for one {@link AvEvent}, used inside a single parse call only; normalises on build. */
final class AvEventBuilder {

    Instant time;
    final String product;
    String host;
    String hostIp;
    String user;
    String threat;
    String path;
    String sha256;
    String hash;
    String action;
    String origin;
    String severity;

    AvEventBuilder(final String product) {
        this.product = product;
    }

    /** Puts a hash in {@code sha256} or {@code hash} by its length; other values are dropped. */
    AvEventBuilder hash(final String value) {
        final String s = AvValues.sha256(value);
        if (s != null) {
            sha256 = s;
        } else if (hash == null) {
            hash = AvValues.otherHash(value);
        }
        return this;
    }

    AvEvent build() {
        return new AvEvent(time, product, AvValues.host(host), AvValues.orNull(hostIp), AvValues.orNull(user),
                AvValues.orNull(threat), AvValues.path(path), sha256, sha256 == null ? hash : null, action,
                AvValues.orNull(origin), AvValues.lower(severity));
    }
}
