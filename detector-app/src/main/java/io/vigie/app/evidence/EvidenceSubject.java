package io.vigie.app.evidence;

import java.util.Locale;
import java.util.Objects;

/**
 * Who or what the evidence is about, as asked: an incident, a user account or address, or a host (name or IP).
 *
 * @param kind  what {@code value} names
 * @param value the incident id, the user, the host, as given
 */
public record EvidenceSubject(Kind kind, String value) {

    /** The three ways of naming the subject. */
    public enum Kind {
        INCIDENT,
        USER,
        HOST
    }

    /** The longest value accepted: an id, an address or a host name, never a document. */
    public static final int MAX_LENGTH = 320;

    /** @throws IllegalArgumentException for a blank, overlong or control-character value */
    public EvidenceSubject {
        Objects.requireNonNull(kind, "kind");
        if (value == null
                || value.isBlank()
                || value.length() > MAX_LENGTH
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("--" + kind.name().toLowerCase(Locale.ROOT) + ": expected a non-blank "
                    + "value of at most " + MAX_LENGTH + " characters, without control characters");
        }
        value = value.strip();
    }

    /** For file names and messages: {@code user-alice}, {@code incident-INC-42}. */
    public String label() {
        return kind.name().toLowerCase(Locale.ROOT) + "-" + value.replaceAll("[^A-Za-z0-9._@-]", "_");
    }
}
