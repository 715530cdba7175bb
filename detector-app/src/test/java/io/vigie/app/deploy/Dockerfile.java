package io.vigie.app.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The instructions of {@code deploy/docker/Dockerfile}, as Docker reads them: comments dropped, continuation
 * lines joined. Enough to run the image's command line outside Docker and to check what it copies.
 */
record Dockerfile(List<Instruction> instructions) {

    static final Path PATH = Path.of("../deploy/docker/Dockerfile");
    /** Where the image keeps the shaded jar. */
    static final String JAR_IN_IMAGE = "/opt/vigie/vigie.jar";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One instruction: its keyword in upper case and the rest of its (joined) line. */
    record Instruction(String keyword, String arguments) {}

    static Dockerfile read() throws IOException {
        return parse(Files.readString(PATH, StandardCharsets.UTF_8));
    }

    static Dockerfile parse(final String text) {
        final List<Instruction> instructions = new ArrayList<>();
        final StringBuilder logical = new StringBuilder();
        for (final String line : text.lines().toList()) {
            final String stripped = line.strip();
            if (logical.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (!logical.isEmpty() && stripped.startsWith("#")) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                logical.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            logical.append(stripped);
            final String whole = logical.toString().strip();
            logical.setLength(0);
            final int space = whole.indexOf(' ');
            instructions.add(new Instruction(
                    whole.substring(0, space).toUpperCase(Locale.ROOT),
                    whole.substring(space + 1).strip()));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    /** The instructions of the last stage: what the image is made of. */
    List<Instruction> finalStage() {
        int start = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if ("FROM".equals(instructions.get(i).keyword())) {
                start = i;
            }
        }
        return instructions.subList(start, instructions.size());
    }

    List<Instruction> all(final String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The last {@code keyword} of the final stage, in exec (JSON array) form: the one Docker uses. */
    List<String> execForm(final String keyword) {
        final Instruction last = finalStage().stream()
                .filter(i -> i.keyword().equals(keyword))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + keyword + " in the final stage of " + PATH));
        return jsonArray(keyword, last.arguments());
    }

    /** HEALTHCHECK's command, in exec form after its options and {@code CMD}. */
    List<String> healthCheckCommand() {
        final String arguments = finalStage().stream()
                .filter(i -> "HEALTHCHECK".equals(i.keyword()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no HEALTHCHECK in " + PATH))
                .arguments();
        final int cmd = arguments.indexOf(" CMD ");
        if (cmd < 0) {
            throw new AssertionError("HEALTHCHECK without CMD: " + arguments);
        }
        return jsonArray(
                "HEALTHCHECK CMD", arguments.substring(cmd + " CMD ".length()).strip());
    }

    /** {@code COPY --from=STAGE SRC DEST} of the final stage, by destination. */
    Optional<String> copySourceFromStage(final String destination) {
        for (final Instruction copy : finalStage()) {
            if ("COPY".equals(copy.keyword()) && copy.arguments().startsWith("--from=")) {
                final String[] parts = copy.arguments().split("\\s+");
                if (parts.length == 3 && parts[2].equals(destination)) {
                    return Optional.of(parts[1]);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code COPY SRC DEST} from the build context (the repository root) in the final stage, by destination. */
    Optional<String> contextSourceOf(final String destination) {
        for (final Instruction copy : finalStage()) {
            if ("COPY".equals(copy.keyword()) && !copy.arguments().startsWith("--")) {
                final String[] parts = copy.arguments().split("\\s+");
                if (parts.length == 2 && parts[1].equals(destination)) {
                    return Optional.of(parts[0]);
                }
            }
        }
        return Optional.empty();
    }

    /** The WORKDIR of the first (build) stage, where its relative COPYs land. */
    String buildWorkdir() {
        return instructions.stream()
                .filter(i -> "WORKDIR".equals(i.keyword()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no WORKDIR in the build stage"))
                .arguments();
    }

    private static List<String> jsonArray(final String what, final String text) {
        if (!text.startsWith("[")) {
            throw new AssertionError(what + " must use the exec (JSON array) form, so that java is PID 1 and gets "
                    + "SIGTERM: " + text);
        }
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() {});
        } catch (final IOException e) {
            throw new UncheckedIOException(what + " is not a JSON array of strings: " + text, e);
        }
    }
}
