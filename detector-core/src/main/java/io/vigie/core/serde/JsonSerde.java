package io.vigie.core.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for records. Times are ISO-8601 strings so that what lands on a topic is readable
 * by a SIEM and by a person with {@code kcat}.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T> {

    /** One mapper for the whole process: thread-safe once configured, and costly to build. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * For state stores and repartition topics, which only Vigie reads: times as epoch milliseconds,
     * several times cheaper to write and read than ISO-8601 text on the hot path.
     */
    private static final ObjectMapper INTERNAL_MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Class<T> type;
    private final ObjectMapper mapper;

    private JsonSerde(final Class<T> type, final ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    /** For topics that people and SIEMs read: ISO-8601 times. */
    public static <T> JsonSerde<T> of(final Class<T> type) {
        return new JsonSerde<>(type, MAPPER);
    }

    /** For state stores and repartition topics: epoch-millisecond times. */
    public static <T> JsonSerde<T> internal(final Class<T> type) {
        return new JsonSerde<>(type, INTERNAL_MAPPER);
    }

    public byte[] toBytes(final T value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (final JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
        }
    }

    public T fromBytes(final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (final IOException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + " JSON document", e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
