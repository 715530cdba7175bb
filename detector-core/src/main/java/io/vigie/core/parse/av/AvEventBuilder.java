package io.vigie.core.parse.av;

import io.vigie.core.model.AvEvent;
import io.vigie.core.parse.text.FieldValues;
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
        final String s = FieldValues.sha256(value);
        if (s != null) {
            sha256 = s;
        } else if (hash == null) {
            hash = FieldValues.md5OrSha1(value);
        }
        return this;
    }

    AvEvent build() {
        return new AvEvent(
                time,
                product,
                AvFields.host(host),
                AvFields.orNull(hostIp),
                AvFields.orNull(user),
                AvFields.orNull(threat),
                AvFields.path(path),
                sha256,
                sha256 == null ? hash : null,
                action,
                AvFields.orNull(origin),
                AvFields.lower(severity));
    }
}
