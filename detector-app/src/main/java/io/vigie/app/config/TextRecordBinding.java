package io.vigie.app.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A settings record whose components are all text and map one to one onto the keys of a section, named in kebab
 * case ({@code TopicNames.rawPostfix} is {@code topics.names.raw-postfix}). Jackson writes the record's defaults
 * as the key table's and binds the section back to the record, so that a component added to the record is a key,
 * with its default, without another line anywhere.
 *
 * @param <R> the record
 */
final class TextRecordBinding<R extends Record> {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .build();
    private static final TypeReference<LinkedHashMap<String, String>> TEXT_MAP = new TypeReference<>() {};

    private final Class<R> type;
    private final String prefix;
    private final R defaults;

    TextRecordBinding(final Class<R> type, final String prefix, final R defaults) {
        this.type = type;
        this.prefix = prefix;
        this.defaults = defaults;
    }

    /** Every key of the section with its default, in the order of the record's components. */
    Map<String, String> defaultsByKey() {
        final Map<String, String> byKey = new LinkedHashMap<>();
        MAPPER.convertValue(defaults, TEXT_MAP).forEach((name, value) -> byKey.put(prefix + "." + name, value));
        return byKey;
    }

    /** The record, each component read (and checked) by {@code read} from its full key. */
    R bind(final UnaryOperator<String> read) {
        final Map<String, String> byName = new LinkedHashMap<>();
        MAPPER.convertValue(defaults, TEXT_MAP)
                .keySet()
                .forEach(name -> byName.put(name, read.apply(prefix + "." + name)));
        return MAPPER.convertValue(byName, type);
    }
}
