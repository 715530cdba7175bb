package io.vigie.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EvidenceProgressTest {

    @Test
    void shouldPrintTheTopicAndItsRecordsOncePerInterval() {
        final StringWriter err = new StringWriter();
        final AtomicLong now = new AtomicLong();
        final EvidenceProgress progress =
                new EvidenceProgress(new PrintWriter(err), TimeUnit.SECONDS.toNanos(5), now::get);

        now.set(TimeUnit.SECONDS.toNanos(1));
        progress.read("raw.proxy", 2_000, 8_000);
        assertThat(err.toString()).isEmpty();

        now.set(TimeUnit.SECONDS.toNanos(5));
        progress.read("raw.proxy", 4_000, 8_000);
        now.set(TimeUnit.SECONDS.toNanos(6));
        progress.read("raw.proxy", 6_000, 8_000);

        assertThat(err.toString())
                .isEqualTo("vigie evidence: progress topic=raw.proxy records=4000/8000 percent=50.0"
                        + System.lineSeparator());
    }

    @Test
    void shouldSayAnEmptyTopicIsDone() {
        final StringWriter err = new StringWriter();
        final EvidenceProgress progress = new EvidenceProgress(new PrintWriter(err), 0, () -> 0L);

        progress.read("raw.auth", 0, 0);

        assertThat(err.toString()).contains("topic=raw.auth records=0/0 percent=100.0");
    }
}
