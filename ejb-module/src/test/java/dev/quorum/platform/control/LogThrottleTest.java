package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger logger = Logger.getLogger("LogThrottleTest." + System.nanoTime());

    LogThrottleTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    @Test
    void oneLinePerKindAndIntervalWithTheStackOnlyOnce() throws InterruptedException {
        LogThrottle throttle = new LogThrottle(logger, 50);
        RuntimeException failure = new RuntimeException("outer", new IllegalStateException("database down"));
        for (int i = 0; i < 1000; i++) {
            throttle.log(Level.WARNING, "outage", "The database is unreachable", failure);
        }
        throttle.log(Level.WARNING, "other", "Another kind", null);
        assertEquals(2, records.size());
        assertNotNull(records.get(0).getThrown());
        Thread.sleep(60);
        throttle.log(Level.WARNING, "outage", "The database is unreachable", failure);
        assertEquals(3, records.size());
        LogRecord summary = records.get(2);
        assertNull(summary.getThrown());
        assertTrue(summary.getMessage().contains("and 999 more like it"), summary.getMessage());
        assertTrue(summary.getMessage().contains("IllegalStateException: database down"), summary.getMessage());
    }
}
