package io.vigie.core.parse.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Reads one message into its top-level header fields and its leaf parts, decoded (base64, quoted-printable).
 *
 * <p>mime4j's token stream is used rather than its DOM: it walks the tree without recursion, so a message
 * nested thousands of levels deep costs no stack, and the part and depth limits are checked while reading,
 * before anything is built. Attached messages ({@code message/rfc822}) are not descended into: they stay
 * leaves holding their exact bytes, which are hashed, and the analyser parses the one it unwraps itself.
 */
final class MimeReader {

    /** One leaf: its own header fields, its type and charset as declared, its decoded bytes and its depth. */
    record Part(List<Field> fields, String mimeType, String charset, byte[] content, int depth) {}

    /** The top-level header fields, in order, and the leaves in document order. */
    record Parsed(List<Field> fields, List<Part> parts) {}

    /** A refusal with its fixed reason. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(final String reason) {
            super(reason, null, false, false);
        }
    }

    private final int maxParts;
    private final int maxHeaders;
    private final int maxDepth;

    MimeReader(final int maxParts, final int maxHeaders, final int maxDepth) {
        this.maxParts = maxParts;
        this.maxHeaders = maxHeaders;
        this.maxDepth = maxDepth;
    }

    Parsed read(final byte[] raw) throws Refusal {
        final MimeConfig config = MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderLen(-1)
                .setMaxContentLen(-1)
                .setMaxHeaderCount(maxHeaders)
                .build();
        final MimeTokenStream stream =
                new MimeTokenStream(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(raw));
        final List<Field> top = new ArrayList<>();
        final List<Part> parts = new ArrayList<>();
        final Deque<List<Field>> entities = new ArrayDeque<>();
        int count = 0;
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_MESSAGE -> entities.push(entities.isEmpty() ? top : new ArrayList<>());
                    case T_START_BODYPART -> {
                        if (++count > maxParts || entities.size() > maxDepth) {
                            throw new Refusal("too many parts");
                        }
                        entities.push(new ArrayList<>());
                    }
                    case T_FIELD -> {
                        if (!entities.isEmpty()) {
                            entities.peek().add(stream.getField());
                        }
                    }
                    case T_BODY -> parts.add(leaf(stream, entities));
                    case T_END_BODYPART, T_END_MESSAGE -> entities.poll();
                    default -> {
                        // preamble, epilogue, multipart boundaries: nothing to keep
                    }
                }
            }
        } catch (final IOException | MimeException | RuntimeException e) {
            // RuntimeException: mime4j's lenient parsers are not guaranteed against every malformed input
            throw new Refusal("corrupt mime");
        }
        return new Parsed(List.copyOf(top), List.copyOf(parts));
    }

    private static Part leaf(final MimeTokenStream stream, final Deque<List<Field>> entities) throws IOException {
        final BodyDescriptor descriptor = stream.getBodyDescriptor();
        final byte[] content;
        try (InputStream in = stream.getDecodedInputStream()) {
            content = in.readAllBytes();
        }
        final List<Field> fields = entities.isEmpty() ? List.of() : List.copyOf(entities.peek());
        final String type = descriptor.getMimeType() == null
                ? "text/plain"
                : descriptor.getMimeType().toLowerCase(Locale.ROOT);
        return new Part(fields, type, descriptor.getCharset(), content, Math.max(0, entities.size() - 1));
    }
}
