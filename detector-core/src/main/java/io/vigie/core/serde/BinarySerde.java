package io.vigie.core.serde;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for what only Vigie reads: repartition topics and state stores on the hot path,
 * where JSON took a quarter of the stream thread. Public topics keep their JSON.
 *
 * <p>Every value starts with a format byte, so that a record written by another version (or another
 * serde) is refused with a clear error, which the deserialization handler turns into a dead letter,
 * instead of being read as garbage.
 *
 * @param <T> the value type
 */
public final class BinarySerde<T> implements Serde<T> {

    /** Writes and reads one value's fields, in a fixed order. */
    public interface Codec<T> {
        void write(Out out, T value);

        T read(In in);
    }

    private final String name;
    private final byte format;
    private final Codec<T> codec;

    private BinarySerde(final String name, final int format, final Codec<T> codec) {
        this.name = name;
        this.format = (byte) format;
        this.codec = codec;
    }

    /** @param format the format byte: change it when the codec's layout changes */
    public static <T> BinarySerde<T> of(final String name, final int format, final Codec<T> codec) {
        return new BinarySerde<>(name, format, codec);
    }

    public byte[] toBytes(final T value) {
        if (value == null) {
            return null;
        }
        final Out out = new Out();
        out.write(format);
        codec.write(out, value);
        return out.toByteArray();
    }

    public T fromBytes(final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0 || bytes[0] != format) {
            throw new SerializationException("not a " + name + " record of format " + format
                    + (bytes.length == 0 ? " (empty)" : " (format byte " + bytes[0] + ")"));
        }
        try {
            final In in = new In(bytes);
            final T value = codec.read(in);
            if (in.position != bytes.length) {
                throw new SerializationException(name + ": " + (bytes.length - in.position) + " bytes left over");
            }
            return value;
        } catch (final ArrayIndexOutOfBoundsException e) {
            throw new SerializationException("truncated " + name + " record", e);
        } catch (final SerializationException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw new SerializationException("malformed " + name + " record: " + e.getMessage(), e);
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

    /** The writing side: variable-length integers, length-prefixed UTF-8, a null marker where values may be null. */
    public static final class Out {
        /**
         * A plain growing array, not a {@code ByteArrayOutputStream}: that one's writes are synchronized, one lock per
         * byte, and they were a tenth of the stream thread's time (the counts of the top lists are mostly varints).
         */
        private byte[] bytes = new byte[128];

        private int size;

        private void write(final int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        private void write(final byte[] b) {
            if (size + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + b.length));
            }
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        private byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        public void varLong(final long value) {
            long v = (value << 1) ^ (value >> 63); // zig-zag: small negatives stay short
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        public void bool(final boolean value) {
            write(value ? 1 : 0);
        }

        /** A string or null: its UTF-8 length plus one (0 for null), then the bytes. */
        public void string(final String value) {
            if (value == null) {
                varLong(0);
                return;
            }
            final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varLong(utf8.length + 1L);
            write(utf8);
        }

        public void instant(final Instant value) {
            bool(value != null);
            if (value != null) {
                varLong(value.getEpochSecond());
                varLong(value.getNano());
            }
        }

        public void nullableLong(final Long value) {
            bool(value != null);
            if (value != null) {
                varLong(value);
            }
        }

        public void dbl(final double value) {
            final long bits = Double.doubleToRawLongBits(value);
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (bits >>> shift));
            }
        }

        public void nullableDouble(final Double value) {
            bool(value != null);
            if (value != null) {
                dbl(value);
            }
        }

        /** An enum constant or null, by ordinal (plus one). */
        public void enumValue(final Enum<?> value) {
            varLong(value == null ? 0 : value.ordinal() + 1L);
        }
    }

    /** The reading side, mirror of {@link Out}. */
    public static final class In {
        private final byte[] bytes;
        private int position = 1; // after the format byte

        In(final byte[] bytes) {
            this.bytes = bytes;
        }

        public long varLong() {
            long raw = 0;
            int shift = 0;
            while (true) {
                final byte b = bytes[position++];
                raw |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (shift > 63) {
                    throw new SerializationException("malformed variable-length integer");
                }
            }
            return (raw >>> 1) ^ -(raw & 1);
        }

        public int varInt() {
            final long value = varLong();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new SerializationException("integer out of range: " + value);
            }
            return (int) value;
        }

        public boolean bool() {
            return bytes[position++] != 0;
        }

        /** Whether fields remain: a codec reads fields appended to its layout only when a record has them. */
        public boolean hasMore() {
            return position < bytes.length;
        }

        public String string() {
            final int lengthPlusOne = varInt();
            if (lengthPlusOne == 0) {
                return null;
            }
            final int length = lengthPlusOne - 1;
            if (length < 0 || length > bytes.length - position) {
                throw new SerializationException("string length " + length + " past the end of the record");
            }
            final String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        public Instant instant() {
            return bool() ? Instant.ofEpochSecond(varLong(), varLong()) : null;
        }

        public Long nullableLong() {
            return bool() ? varLong() : null;
        }

        public double dbl() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = bits << 8 | bytes[position++] & 0xFF;
            }
            return Double.longBitsToDouble(bits);
        }

        public Double nullableDouble() {
            return bool() ? dbl() : null;
        }

        public <E extends Enum<E>> E enumValue(final E[] values) {
            final int ordinalPlusOne = varInt();
            if (ordinalPlusOne == 0) {
                return null;
            }
            if (ordinalPlusOne < 1 || ordinalPlusOne > values.length) {
                throw new SerializationException("unknown enum ordinal " + (ordinalPlusOne - 1));
            }
            return values[ordinalPlusOne - 1];
        }
    }
}
