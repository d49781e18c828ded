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
        Counter warnings = registry.counter(QuorumMetric.LOG_RECORDS.metadata(), new Tag("level", "WARNING"));
        Counter severe = registry.counter(QuorumMetric.LOG_RECORDS.metadata(), new Tag("level", "SEVERE"));
        handler = new Handler() {
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
        };
        handler.setLevel(Level.WARNING);
        Logger.getLogger("").addHandler(handler);
    }

    public synchronized void uninstall() {
        if (handler != null) {
            Logger.getLogger("").removeHandler(handler);
            handler = null;
        }
    }
}
