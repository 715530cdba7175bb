package io.vigie.core.parse.intel;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180: fields optionally quoted, {@code ""} for a quote inside). */
final class CsvLine {

    private CsvLine() {}

    /** @return the fields, or null when a quoted field is not closed */
    static List<String> split(final String line) {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(quoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                quoted = false;
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                inQuotes = true;
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            return null;
        }
        fields.add(quoted ? field.toString() : field.toString().strip());
        return fields;
    }
}
