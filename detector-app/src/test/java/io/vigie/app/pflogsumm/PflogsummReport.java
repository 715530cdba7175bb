package io.vigie.app.pflogsumm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four per-address "top N" lists of a saved pflogsumm 1.1.5 report (test oracle).
 *
 * <p>pflogsumm's {@code print_user_data} prints, for each list, either
 * {@code "top 20 Senders by message count: none"} (no data) or the title, a line of dashes as
 * long as the title, then one line per address formatted with {@code " %6d%s  %s"}: the value
 * after {@code adj_int_units} (truncated to k above 524288, to m above 536870912), the unit
 * character ({@code ' '}, {@code 'k'} or {@code 'm'}), two spaces, the address (possibly empty,
 * for {@code to=<>}). The section ends at the next empty line.
 *
 * <p>Values are kept exactly as printed: an entry {@code 941k} is {@code Entry(941, 'k', ...)}.
 * Compare a computed ranking through {@link #formatLikePflogsumm(long, String)}.
 */
public final class PflogsummReport {

    /** One printed line of a top list: value as printed, its unit and the address. */
    public record Entry(long value, char unit /* ' ', 'k' or 'm' */, String address) {

        public Entry {
            if (unit != ' ' && unit != 'k' && unit != 'm') {
                throw new IllegalArgumentException("unit must be ' ', 'k' or 'm': '" + unit + "'");
            }
            if (address == null) {
                throw new IllegalArgumentException("address must not be null");
            }
        }

        /** The line as pflogsumm prints it ({@code " %6d%s  %s"}), handy in assertion messages. */
        public String printed() {
            return String.format(" %6d%c  %s", value, unit, address);
        }

        @Override
        public String toString() {
            return printed();
        }
    }

    /** The four lists, in the order pflogsumm prints them. */
    public enum Section {
        SENDERS_BY_COUNT("Senders by message count"),
        RECIPIENTS_BY_COUNT("Recipients by message count"),
        SENDERS_BY_SIZE("Senders by message size"),
        RECIPIENTS_BY_SIZE("Recipients by message size");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        /** The title without the optional {@code "top N "} prefix. */
        public String title() {
            return title;
        }

        static Section ofTitle(String title) {
            for (Section s : values()) {
                if (s.title.equals(title)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown section title: " + title);
        }
    }

    /** pflogsumm's {@code $divByOneKAt}: values strictly above are printed in k. */
    public static final long DIV_BY_ONE_K_AT = 524_288L;
    /** pflogsumm's {@code $divByOneMegAt}: values strictly above are printed in m. */
    public static final long DIV_BY_ONE_MEG_AT = 536_870_912L;

    private static final Pattern TITLE =
            Pattern.compile("^(?:top (\\d+) )?((?:Senders|Recipients) by message (?:count|size))(: none)?$");
    private static final Pattern ENTRY = Pattern.compile("^ +(\\d+)([ km])  (.*)$");
    private static final Pattern DASHES = Pattern.compile("^-+$");

    private final Map<Section, List<Entry>> lists;

    private PflogsummReport(Map<Section, List<Entry>> lists) {
        this.lists = lists;
    }

    /**
     * Parses a whole pflogsumm report (any other section is ignored). Lines may end in LF or
     * CRLF. Fails when one of the four sections is missing, duplicated or malformed.
     */
    public static PflogsummReport parse(String text) {
        final String[] lines = text.split("\n", -1);
        final Map<Section, List<Entry>> found = new EnumMap<>(Section.class);
        for (int i = 0; i < lines.length; i++) {
            final Matcher title = TITLE.matcher(stripCr(lines[i]));
            if (!title.matches()) {
                continue;
            }
            final Section section = Section.ofTitle(title.group(2));
            if (found.containsKey(section)) {
                throw new IllegalArgumentException(
                        "section '" + section.title() + "' appears twice (line " + (i + 1) + ")");
            }
            final List<Entry> entries = new ArrayList<>();
            if (title.group(3) == null) {
                final int titleLength = stripCr(lines[i]).length();
                final String underline = i + 1 < lines.length ? stripCr(lines[i + 1]) : "";
                if (!DASHES.matcher(underline).matches() || underline.length() != titleLength) {
                    throw new IllegalArgumentException("section '" + section.title() + "' (line " + (i + 1)
                            + ") is not followed by a dashed line of its length");
                }
                int j = i + 2;
                for (; j < lines.length; j++) {
                    final String line = stripCr(lines[j]);
                    if (line.isEmpty()) {
                        break;
                    }
                    final Matcher entry = ENTRY.matcher(line);
                    if (!entry.matches()) {
                        throw new IllegalArgumentException(
                                "section '" + section.title() + "': unexpected line " + (j + 1) + ": " + line);
                    }
                    entries.add(new Entry(
                            Long.parseLong(entry.group(1)), entry.group(2).charAt(0), entry.group(3)));
                }
                if (entries.isEmpty()) {
                    throw new IllegalArgumentException(
                            "section '" + section.title() + "' has no entries and no ': none'");
                }
                if (title.group(1) != null && entries.size() > Integer.parseInt(title.group(1))) {
                    throw new IllegalArgumentException("section '" + section.title() + "' has " + entries.size()
                            + " entries, more than its 'top " + title.group(1) + "'");
                }
                i = j;
            }
            found.put(section, List.copyOf(entries));
        }
        for (Section s : Section.values()) {
            if (!found.containsKey(s)) {
                throw new IllegalArgumentException("no '" + s.title() + "' section in the report");
            }
        }
        return new PflogsummReport(found);
    }

    /**
     * Reads a saved report. pflogsumm writes the log's bytes unchanged: the file is decoded as
     * UTF-8 when it is valid UTF-8, else byte for byte as ISO-8859-1.
     */
    public static PflogsummReport read(Path file) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public List<Entry> list(Section section) {
        return lists.get(section);
    }

    public List<Entry> sendersByCount() {
        return list(Section.SENDERS_BY_COUNT);
    }

    public List<Entry> recipientsByCount() {
        return list(Section.RECIPIENTS_BY_COUNT);
    }

    public List<Entry> sendersBySize() {
        return list(Section.SENDERS_BY_SIZE);
    }

    public List<Entry> recipientsBySize() {
        return list(Section.RECIPIENTS_BY_SIZE);
    }

    /**
     * The entry pflogsumm prints for a raw value, mirroring {@code adj_int_units}: above
     * 536870912 the value is divided by 1048576 with unit 'm', else above 524288 it is divided
     * by 1024 with unit 'k'; printf's {@code %d} truncates. So 524288 stays {@code 524288 ' '},
     * 524289 becomes {@code 512 'k'}, 525311 is still {@code 512 'k'}, 536870912 is
     * {@code 524288 'k'} and 536870913 is {@code 512 'm'}.
     */
    public static Entry formatLikePflogsumm(long value, String address) {
        if (value > DIV_BY_ONE_MEG_AT) {
            return new Entry(value / 1_048_576L, 'm', address);
        }
        if (value > DIV_BY_ONE_K_AT) {
            return new Entry(value / 1_024L, 'k', address);
        }
        return new Entry(value, ' ', address);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
