package io.vigie.rules.mail;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.PostfixParser;
import io.vigie.core.parse.RecordLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the lines of one raw record and groups the good ones by message ({@code host|queue id}), in the order
 * they were read; a line with no queue id is a group of its own kind, keyed by host only. Each bad line is a
 * failure of its own, so that it reaches the dead letters with its reason.
 */
final class PostfixLineGroups {

    private PostfixLineGroups() {}

    static List<ParseResult<List<PostfixEvent>>> parse(final PostfixParser parser, final String value) {
        final List<String> lines = RecordLines.split(value);
        if (lines.isEmpty()) {
            return List.of(ParseResult.failed("postfix", "empty record", value));
        }
        return parse(parser, lines);
    }

    /** The same for lines already split (none blank), as a record of them would be. */
    static List<ParseResult<List<PostfixEvent>>> parse(final PostfixParser parser, final List<String> lines) {
        if (lines.size() == 1) {
            final ParseResult<PostfixEvent> only = parser.parse(lines.get(0));
            return List.of(
                    only.isOk()
                            ? ParseResult.ok(List.of(only.value()))
                            : ParseResult.failed(
                                    only.error().source(),
                                    only.error().reason(),
                                    only.error().raw()));
        }
        final Map<String, List<PostfixEvent>> groups = new LinkedHashMap<>();
        final List<ParseResult<List<PostfixEvent>>> results = new ArrayList<>();
        for (final String line : lines) {
            final ParseResult<PostfixEvent> parsed = parser.parse(line);
            if (!parsed.isOk()) {
                results.add(ParseResult.failed(
                        parsed.error().source(),
                        parsed.error().reason(),
                        parsed.error().raw()));
                continue;
            }
            final PostfixEvent event = parsed.value();
            final String key = event.host() + '|' + (event.queueId() == null ? "" : event.queueId());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
        }
        groups.values().forEach(group -> results.add(ParseResult.ok(group)));
        return results;
    }
}
