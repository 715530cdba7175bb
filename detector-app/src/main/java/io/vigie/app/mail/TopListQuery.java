package io.vigie.app.mail;

import io.vigie.app.http.BadRequestException;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One top list picked out of a snapshot by the API's parameters. */
public record TopListQuery(String direction, String by, String metric, String window) {

    private static final Set<String> DIRECTIONS = Set.of("all", "inbound", "outbound");
    private static final Set<String> ROLES = Set.of("sender", "recipient");
    private static final Set<String> METRICS = Set.of("count", "bytes");
    private static final Set<String> WINDOWS = Set.of("day", "hour", "period");

    /** Reads and checks {@code direction}, {@code by}, {@code metric}, {@code window} (with defaults). */
    public static TopListQuery from(final Map<String, String> params) {
        return new TopListQuery(
                pick(params, "direction", "all", DIRECTIONS),
                pick(params, "by", "sender", ROLES),
                pick(params, "metric", "count", METRICS),
                pick(params, "window", "day", WINDOWS));
    }

    public List<TopEntry> select(final TopSnapshot snapshot) {
        final TopLists lists = switch (direction) {
            case "inbound" -> snapshot.inbound();
            case "outbound" -> snapshot.outbound();
            default -> snapshot.all();
        };
        if ("sender".equals(by)) {
            return "count".equals(metric) ? lists.sendersByCount() : lists.sendersByBytes();
        }
        return "count".equals(metric) ? lists.recipientsByCount() : lists.recipientsByBytes();
    }

    private static String pick(
            final Map<String, String> params, final String name, final String fallback, final Set<String> allowed) {
        final String value = params.getOrDefault(name, fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new BadRequestException(
                    name + " must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }
}
