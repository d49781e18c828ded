package dev.quorum.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts the server's log records at WARNING and SEVERE, Quorum's and the container's alike, as
 * {@code quorum.log.records{level}}: an operator alerts on a rising SEVERE count without parsing logs,
 * and the fuzz tests assert that hostile input never produced one.
 */
@ApplicationScoped
public class LogRecordMetrics {

    @Inject
    MetricRegistry registry;

    private Handler handler;

    public synchronized void install() {
        if (handler != null) {
            return;
        }
        // A handler on the root logger runs on any thread, also inside another class loader's loadClass (the
        // container logs from there). Had its code still to resolve a class through this module's class loader
        // then, the two loaders' locks could deadlock with this module's start-up (found on a Payara Server
        // restart): a throwaway instance runs every line of it first, here, on the start-up thread.
        LevelCounter warmUp = new LevelCounter(NOT_COUNTING, NOT_COUNTING);
        for (Level level : new Level[] {Level.SEVERE, Level.WARNING, Level.INFO}) {
            warmUp.publish(new LogRecord(level, "warm-up"));
        }
        handler = new LevelCounter(
                registry.counter(QuorumMetric.LOG_RECORDS.metadata(), new Tag("level", "WARNING")),
                registry.counter(QuorumMetric.LOG_RECORDS.metadata(), new Tag("level", "SEVERE")));
        handler.setLevel(Level.WARNING);
        Logger.getLogger("").addHandler(handler);
    }

    /** Counts records at WARNING and at SEVERE. */
    private static final class LevelCounter extends Handler {

        private final Counter warnings;
        private final Counter severe;

        LevelCounter(Counter warnings, Counter severe) {
            this.warnings = warnings;
            this.severe = severe;
        }

        @Override
        public void publish(LogRecord record) {
            int level = record.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                severe.inc();
            } else if (level >= Level.WARNING.intValue()) {
                warnings.inc();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    /** For the warm-up only. */
    private static final Counter NOT_COUNTING = new Counter() {
        @Override
        public void inc() {}

        @Override
        public void inc(long n) {}

        @Override
        public long getCount() {
            return 0;
        }
    };

    public synchronized void uninstall() {
        if (handler != null) {
            Logger.getLogger("").removeHandler(handler);
            handler = null;
        }
    }
}
