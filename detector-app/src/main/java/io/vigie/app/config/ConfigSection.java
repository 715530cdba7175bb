package io.vigie.app.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys under one prefix of the layered configuration ({@code siem.syslog}, {@code dmarc.imap}), read as typed
 * values. A package that owns a section reads it through this view (its {@code from(...)}), so that the
 * configuration package does not need to know its types; a bad value fails naming the full key and where its value
 * came from, as everywhere else.
 */
public final class ConfigSection {

    private static final String MASK = "******";

    private final RawConfig raw;
    private final String prefix;

    ConfigSection(final RawConfig raw, final String prefix) {
        this.raw = raw;
        this.prefix = prefix;
    }

    /** The section {@code name} under this one: {@code syslog} under {@code siem}. */
    public ConfigSection section(final String name) {
        return new ConfigSection(raw, key(name));
    }

    /** The full key of {@code name}: {@code port} in {@code siem.syslog} is {@code siem.syslog.port}. */
    public String key(final String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** The text, as written (stripped by the layers). */
    public String string(final String name) {
        final Object v = value(name).value();
        if (!(v instanceof String s)) {
            throw bad(name, "expected a single value");
        }
        return s;
    }

    /** The text stripped, or null when it is blank (an optional host, user or password). */
    public String optionalString(final String name) {
        final String s = string(name);
        return s.isBlank() ? null : s.strip();
    }

    public boolean bool(final String name) {
        return switch (string(name).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw bad(name, "must be true or false");
        };
    }

    /** A whole number within bounds ({@code _} may group digits). */
    public int integer(final String name, final int min, final int max) {
        final String s = string(name);
        final long value;
        try {
            value = Long.parseLong(s.replace("_", ""));
        } catch (final NumberFormatException e) {
            throw bad(name, "not a whole number");
        }
        if (value < min || value > max) {
            throw bad(name, "must be between " + min + " and " + max);
        }
        return (int) value;
    }

    /** A number of bytes, 0 or more ({@code _} may group digits: {@code 1_073_741_824}). */
    public long bytes(final String name) {
        final long value;
        try {
            value = Long.parseLong(string(name).strip().replace("_", ""));
        } catch (final NumberFormatException e) {
            throw bad(name, "not a whole number of bytes");
        }
        if (value < 0) {
            throw bad(name, "must be 0 or more");
        }
        return value;
    }

    /** A positive duration ({@code 30s}, {@code 6h}, {@code 7d}, ISO-8601). */
    public Duration duration(final String name) {
        final Duration d;
        try {
            d = Durations.parse(string(name));
        } catch (final IllegalArgumentException e) {
            throw bad(name, e.getMessage());
        }
        if (d.isZero() || d.isNegative()) {
            throw bad(name, "must be positive");
        }
        return d;
    }

    /** A path that must be given. */
    public Path path(final String name) {
        final String s = string(name);
        if (s.isEmpty()) {
            throw bad(name, "must not be empty");
        }
        try {
            return Path.of(s);
        } catch (final InvalidPathException e) {
            throw bad(name, "not a valid path: " + e.getReason());
        }
    }

    /** A path, or null when the key is blank. */
    public Path optionalPath(final String name) {
        return string(name).isBlank() ? null : path(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(final String name) {
        return (List<String>) value(name).value();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, String>> mappings(final String name) {
        return (List<Map<String, String>>) value(name).value();
    }

    /** The error to throw for a bad value of {@code name}: the key, its value (a secret masked), its origin. */
    public InvalidConfigException bad(final String name, final String reason) {
        final String path = key(name);
        final RawConfig.Value v = value(name);
        final String shown = ConfigKeys.isSecret(path) ? MASK : text(v.value());
        return new InvalidConfigException(
                "invalid configuration " + path + " = '" + shown + "' (from " + v.origin() + "): " + reason);
    }

    /** Every key with its effective value as text, in the order of the key table, then the client pass-through. */
    Map<String, String> effective() {
        final Map<String, String> effective = new LinkedHashMap<>();
        raw.values().forEach((k, v) -> effective.put(k, text(v.value())));
        raw.client().forEach((k, v) -> effective.put(ConfigKeys.CLIENT + "." + k, text(v.value())));
        return Collections.unmodifiableMap(effective);
    }

    /** The keys of the table no reader has asked for yet. */
    Set<String> unread() {
        return raw.unread();
    }

    /** The same settings but one key. */
    ConfigSection with(final String path, final String value, final String origin) {
        return new ConfigSection(raw.with(path, value, origin), prefix);
    }

    static String text(final Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }

    private RawConfig.Value value(final String name) {
        final RawConfig.Value v = raw.get(key(name));
        if (v == null) {
            // A reader asked for a key the key table does not have: a programming error, not an operator's.
            throw new IllegalStateException("no configuration key " + key(name));
        }
        return v;
    }
}
