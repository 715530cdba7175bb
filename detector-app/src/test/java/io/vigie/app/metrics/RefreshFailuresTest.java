package io.vigie.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A refresh that fails now and then is quiet; one that keeps failing says once that its gauges are stale. */
class RefreshFailuresTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RefreshFailures.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        logger.setLevel(previousLevel);
    }

    @Test
    void shouldWarnOnceWhenTheRefreshKeepsFailingAndSayWhenItRecovers() {
        final RefreshFailures failures = new RefreshFailures("test-gauges");
        final IllegalStateException notReady = new IllegalStateException("store not ready");
        for (int round = 1; round < RefreshFailures.ROUNDS_BEFORE_WARNING; round++) {
            failures.failed(notReady);
        }
        failures.succeeded();
        failures.failed(notReady);
        assertThat(messages(Level.WARN))
                .as("a rebalance's failed rounds are not a warning")
                .isEmpty();
        assertThat(messages(Level.INFO)).isEmpty();

        final int inARow = RefreshFailures.ROUNDS_BEFORE_WARNING + 3;
        for (int round = 2; round <= inARow; round++) {
            failures.failed(notReady);
        }
        assertThat(messages(Level.WARN))
                .singleElement()
                .asString()
                .contains(
                        "test-gauges",
                        "not refreshed for " + RefreshFailures.ROUNDS_BEFORE_WARNING + " rounds",
                        "store not ready");

        failures.succeeded();
        assertThat(messages(Level.INFO))
                .singleElement()
                .asString()
                .contains("test-gauges", "refreshed again after " + inARow + " failed rounds");

        failures.failed(notReady);
        assertThat(messages(Level.WARN))
                .as("the count starts again after a success")
                .hasSize(1);
    }

    private List<String> messages(final Level level) {
        return logged.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
