package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.LoggedTimes;

/**
 * Trend Micro OfficeScan / Apex One web reputation log ({@code OfcUrlf.log}), fields separated by
 * {@code <;>}: date, time, block mode, URL, group code, group name (the rating, e.g. "Malware Accomplice"),
 * credibility rating, policy, application (the process that asked), credibility score, IP, threshold, epoch
 * seconds. The agent writes a line when it stops a URL, so {@code blocked} is true and {@code action} is the
 * group name. Method, status, user and sizes are not logged. Thread-safe; never throws.
 */
final class TrendMicroUrlFilterParser extends GuardedLineParser {

    public static final String FORMAT = "trendmicro";

    public static final String UNPARSEABLE = "unparseable trendmicro line";
    public static final String TOO_FEW_FIELDS = "too few trendmicro fields";
    public static final String BAD_TIME = "bad trendmicro timestamp";

    private static final String SEPARATOR = "<;>";
    private static final int FIELDS = 13;

    public TrendMicroUrlFilterParser() {
        super(FORMAT, UNPARSEABLE);
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final String[] f = line.strip().split(SEPARATOR, -1);
        if (f.length < FIELDS) {
            return failed(TOO_FEW_FIELDS, line);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = Numbers.toLong(f[12], -1) < 0 ? null : LoggedTimes.epochByMagnitude(f[12].strip());
        if (b.time == null) {
            return failed(BAD_TIME, line);
        }
        b.url = ProxyFields.orNull(f[3]);
        b.action = ProxyFields.orNull(f[5]);
        b.blocked = true;
        b.clientIp = ProxyFields.orNull(f[10]);
        return ParseResult.ok(ProxyLine.of(b.build()));
    }
}
