package io.vigie.rules.mail;

import io.vigie.core.model.PostfixEvent;
import io.vigie.rules.metrics.CounterSensors;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts the lines of other programs that a shipped {@code mail.log} holds ({@code vigie_mail_ignored_lines_total
 * {program}}): valid lines that are not Postfix's, so neither counted in the mail flow nor dead letters. A sudden
 * new program, or one vanishing, says the shipper's selection changed. Forwards nothing.
 */
public final class OtherProgramLines implements Processor<String, PostfixEvent, Void, Void> {

    public static final String METRIC = "mail-ignored-lines-total";
    public static final String GROUP = "vigie-mail";
    /** Program names come from the lines: past this many, the rest count as {@code other} (bounded labels). */
    static final int MAX_PROGRAMS = 50;

    private final ProgramNames names = new ProgramNames();
    private CounterSensors counters;

    @Override
    public void init(final ProcessorContext<Void, Void> ctx) {
        this.counters = new CounterSensors(ctx.metrics(), GROUP);
    }

    @Override
    public void process(final Record<String, PostfixEvent> line) {
        counters.add(
                METRIC,
                "Valid lines of other programs in the Postfix input (amavis, dovecot...), by program",
                Map.of("program", names.of(line.value())),
                1);
    }

    /** The program of each line as a label: its syslog tag, the first {@value #MAX_PROGRAMS} kept, then "other". */
    static final class ProgramNames {
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        String of(final PostfixEvent line) {
            final String program = line.service() == null || line.service().isEmpty() ? "unknown" : line.service();
            if (seen.contains(program)) {
                return program;
            }
            if (seen.size() >= MAX_PROGRAMS) {
                return "other";
            }
            seen.add(program);
            return program;
        }
    }
}
