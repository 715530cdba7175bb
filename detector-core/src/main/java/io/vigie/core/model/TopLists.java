package io.vigie.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The four top lists of one direction, in rank order. */
public record TopLists(
        @JsonProperty("senders_by_count") List<TopEntry> sendersByCount,
        @JsonProperty("senders_by_bytes") List<TopEntry> sendersByBytes,
        @JsonProperty("recipients_by_count") List<TopEntry> recipientsByCount,
        @JsonProperty("recipients_by_bytes") List<TopEntry> recipientsByBytes) {

    public static TopLists empty() {
        return new TopLists(List.of(), List.of(), List.of(), List.of());
    }
}
