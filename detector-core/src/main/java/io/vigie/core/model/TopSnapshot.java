package io.vigie.core.model;

import java.time.Instant;

/**
 * The current (or, once {@code closed}, final) top lists of one window.
 *
 * @param window  window id: {@code period}, {@code day:2026-11-28}, {@code hour:2026-11-28T05:10:00Z}
 * @param kind    period, day or hour
 * @param start   window start (null for the period window)
 * @param end     window end, exclusive (null for the period window)
 * @param closed  true when the window is over and its lists will not change again
 * @param all     every count
 * @param inbound counts of mail coming from outside
 * @param outbound counts of mail submitted from inside and going out
 * @param updated event time of the latest count included
 */
public record TopSnapshot(
        String window,
        String kind,
        Instant start,
        Instant end,
        boolean closed,
        TopLists all,
        TopLists inbound,
        TopLists outbound,
        Instant updated) {}
