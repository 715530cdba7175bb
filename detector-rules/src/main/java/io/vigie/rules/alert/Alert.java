package io.vigie.rules.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An alert as the SIEM receives it: Elastic Common Schema field names where ECS has one
 * ({@code @timestamp}, {@code event.*}, {@code rule.*}, {@code message}, {@code email.*},
 * {@code source.*}, {@code user.*}, {@code related.*}), Vigie's own details under {@code vigie.*}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Alert(
        @JsonProperty("@timestamp") Instant timestamp,
        Event event,
        Rule rule,
        String message,
        Map<String, Object> email,
        Map<String, Object> source,
        Map<String, Object> user,
        Map<String, List<String>> related,
        Details vigie) {

    /** ECS {@code event.*}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Event(
            String kind,
            String id,
            int severity,
            List<String> category,
            List<String> type,
            String dataset,
            String module) {}

    /** ECS {@code rule.*}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Rule(String id, String name, String description, String ruleset, String category) {}

    /**
     * Vigie-specific details.
     *
     * @param level    low, medium, high, critical
     * @param entity   what the alert is about (the throttling key together with the rule)
     * @param observed the figures that made the rule fire
     * @param response recommended response steps, in order
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Details(String level, String entity, Map<String, Object> observed, List<String> response) {}

    public String ruleId() {
        return rule.id();
    }

    public String entity() {
        return vigie.entity();
    }

    /**
     * A stable id from what identifies the alert (rule, entity, and the start of the period it is about),
     * so that a replayed or re-sent alert deduplicates in the SIEM.
     */
    public static String deterministicId(final String ruleId, final String entity, final Instant periodStart) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            final byte[] digest =
                    sha.digest((ruleId + '\u0000' + entity + '\u0000' + periodStart).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
