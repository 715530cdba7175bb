package io.vigie.app.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.ingest.LineBatch;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import io.vigie.rules.mail.OfflineMailFlow;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * {@code vigie analyze --source postfix} in memory: the mail flow's own rules ({@link OfflineMailFlow}) over the
 * files, with no broker. The lines are grouped into records as {@code vigie ingest} sends them, so that they are
 * joined as the engine joins them; the report is the one {@link Analysis} gives through the engine.
 */
public final class MailLogAnalysis {

    private final VigieConfig base;

    public MailLogAnalysis(final VigieConfig base) {
        this.base = base;
    }

    /** The rules as the operator configured them, with the lists an analysis reports: the whole period and days. */
    static RulesConfig rulesConfig(final VigieConfig base) {
        final RulesConfig rules = base.toRulesConfig();
        final TopConfig top = rules.top();
        return rules.withTop(
                top.toBuilder().windows(Set.of(TopWindow.PERIOD, TopWindow.DAY)).build());
    }

    public AnalysisResult run(final List<Path> files) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        final OfflineMailFlow flow = new OfflineMailFlow(rulesConfig(base));
        // Reading and parsing on one thread, the rest on this one: parsing is a third of the work, and the second
        // core is otherwise idle. The queue hands the records over in order; END marks the end of the files.
        final BlockingQueue<Object> parsed = new ArrayBlockingQueue<>(64);
        final Reader reader = new Reader(files, flow, parsed);
        final Thread readerThread = new Thread(reader, "vigie-analyze-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        try {
            Object next;
            while ((next = parsed.take()) != END) {
                flow.accept((OfflineMailFlow.Parsed) next);
            }
        } finally {
            readerThread.interrupt();
            readerThread.join();
        }
        if (reader.failure instanceof IOException e) {
            throw e;
        }
        if (reader.failure != null) {
            throw new IllegalStateException("analyze: reading the files failed", reader.failure);
        }
        final long lines = reader.lines;
        final long blank = reader.blank;
        final OfflineMailFlow.Result found = flow.finish();
        final List<JsonNode> alerts = new ArrayList<>(found.alerts().size());
        for (final Alert alert : found.alerts()) {
            alerts.add(JsonSerde.MAPPER.valueToTree(alert));
        }
        alerts.sort(Comparator.comparing(a -> a.path("@timestamp").asText()));
        final double seconds = (System.nanoTime() - started) / 1e9;
        return new AnalysisResult(
                found.period(),
                found.days(),
                null,
                null,
                List.of(),
                alerts,
                lines,
                blank,
                found.deadLetters(),
                found.otherPrograms(),
                seconds,
                seconds);
    }

    private static final Object END = new Object();

    /** Reads the files, batches their lines as {@code vigie ingest} sends them, parses each batch, hands it over. */
    private static final class Reader implements Runnable {
        private final List<Path> files;
        private final OfflineMailFlow flow;
        private final BlockingQueue<Object> out;
        /** What stopped the reading, if anything did: the analysis fails with it rather than report half the files. */
        private volatile Exception failure;

        private volatile long lines;
        private volatile long blank;

        Reader(final List<Path> files, final OfflineMailFlow flow, final BlockingQueue<Object> out) {
            this.files = files;
            this.flow = flow;
            this.out = out;
        }

        @Override
        public void run() {
            try {
                read();
            } catch (final IOException | RuntimeException e) {
                failure = e;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the analysis is over: nobody takes from the queue any more
            }
            try {
                out.put(END);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void read() throws IOException, InterruptedException {
            long read = 0;
            long skipped = 0;
            List<String> batch = new ArrayList<>(LineBatch.MAX_LINES);
            for (final Path file : files) {
                try (BufferedReader in = SourceFiles.open(file)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isBlank()) {
                            skipped++;
                            continue;
                        }
                        batch.add(line);
                        read++;
                        if (batch.size() == LineBatch.MAX_LINES) {
                            out.put(flow.parse(batch));
                            batch = new ArrayList<>(LineBatch.MAX_LINES);
                        }
                    }
                }
                // ingest starts a new record with each file
                if (!batch.isEmpty()) {
                    out.put(flow.parse(batch));
                    batch = new ArrayList<>(LineBatch.MAX_LINES);
                }
                lines = read;
                blank = skipped;
            }
        }
    }
}
