package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlParts;
import java.time.Instant;

/**
 * Just enough of Squid's native format for the realgen evaluation (the real parser lives in detector-core):
 * it carries the content type, which the combined format lacks, and no Referer (so the event's is null).
 */
final class NativeTestReader {

    private NativeTestReader() {
    }

    // time elapsed client action/status bytes method url user hierarchy/peer type
    static ProxyEvent read(final String line) {
        final String[] f = line.trim().split("\\s+");
        if (f.length != 10) {
            throw new IllegalArgumentException("not a native line: " + line);
        }
        final String[] actionStatus = f[3].split("/");
        final UrlParts parts = UrlParts.of(f[6], f[5]);
        final Instant time = Instant.ofEpochMilli(Math.round(Double.parseDouble(f[0]) * 1000));
        return new ProxyEvent(time, "squid", f[2], "-".equals(f[7]) ? null : f[7], f[5], f[6], parts.scheme(),
                parts.host(), parts.port(), parts.path(), parts.query(), Integer.parseInt(actionStatus[1]),
                actionStatus[0], actionStatus[0].startsWith("TCP_DENIED"), Long.parseLong(f[4]),
                "-".equals(f[9]) ? null : f[9], null, null, Long.parseLong(f[1]));
    }
}
