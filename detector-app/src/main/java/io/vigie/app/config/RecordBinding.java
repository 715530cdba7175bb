package io.vigie.app.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A settings record whose components map one to one onto the keys of a section, named in kebab case
 * ({@code TopicNames.rawPostfix} is {@code topics.names.raw-postfix}, {@code QueueConfig.growthWindow} is
 * {@code mail.queue.growth-window}). The key table takes a section's keys and defaults from a record's values (the
 * rules defaults), and the section is bound back to the record through its canonical constructor, so that a component
 * added to the record is a key, with its default, without another line anywhere.
 *
 * @param <R> the record
 */
final class RecordBinding<R extends Record> {

    /** Reads and checks the value of one key as the type of its component; a bad value fails naming the key. */
    @FunctionalInterface
    interface KeyReader {
        Object read(String key, Class<?> type);
    }

    private final String prefix;
    private final RecordComponent[] components;
    private final Constructor<R> canonical;

    RecordBinding(final Class<R> type, final String prefix) {
        this.prefix = prefix;
        this.components = type.getRecordComponents();
        try {
            this.canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (final NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor: " + type, e);
        }
    }

    /** Every key of the section with its value in {@code record} (typed), in the order of the record's components. */
    Map<String, Object> valuesByKey(final R record) {
        final Map<String, Object> byKey = new LinkedHashMap<>();
        for (final RecordComponent component : components) {
            byKey.put(key(component), valueOf(component, record));
        }
        return byKey;
    }

    /** The record, each component read (and checked) by {@code reader} from its full key, in component order. */
    R bind(final KeyReader reader) {
        return bind(reader, Map.of());
    }

    /**
     * The record, the keys of {@code special} read by their own function (a bound, a check against another key),
     * the others by {@code ordinary}.
     */
    R bind(final KeyReader ordinary, final Map<String, Function<String, Object>> special) {
        if (!Arrays.stream(components).map(this::key).toList().containsAll(special.keySet())) {
            // A reader for a key the record does not have would never run: a programming error.
            throw new IllegalStateException("not keys of " + prefix + ": " + special.keySet());
        }
        final Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            final String key = key(components[i]);
            final Function<String, Object> own = special.get(key);
            values[i] = own != null ? own.apply(key) : ordinary.read(key, components[i].getType());
        }
        try {
            return canonical.newInstance(values);
        } catch (final InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException checkFailed) {
                // The record's own checks: the reader has named the key of every value it could check alone.
                throw checkFailed;
            }
            throw new IllegalStateException(e.getCause());
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + canonical.getDeclaringClass(), e);
        }
    }

    private String key(final RecordComponent component) {
        return prefix + "." + kebab(component.getName());
    }

    private static Object valueOf(final RecordComponent component, final Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** {@code rawPostfix} to {@code raw-postfix}, {@code top20State} to {@code top20-state}: a dash before a capital. */
    static String kebab(final String name) {
        final StringBuilder out = new StringBuilder();
        for (final char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
