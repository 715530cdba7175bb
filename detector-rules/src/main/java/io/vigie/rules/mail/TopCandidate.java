package io.vigie.rules.mail;

import io.vigie.core.model.TopEntry;
import java.time.Instant;

/**
 * A change in one partition's top-K of one list: {@code entry} entered or moved within it, and
 * {@code evicted} (if not null) left it. Keyed by window id on the way to {@link TopMerge}.
 *
 * @param list list key: role (S/R), direction (A/I/O), metric (C/B), e.g. {@code S|A|C}
 */
public record TopCandidate(String window, String kind, Instant start, Instant end, String list, TopEntry entry,
                           String evicted, Instant time) {
}
