package dev.quorum.delivery.control;

import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.routing.control.MessageLog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes cluster delivery reliable. The topic between nodes may lose a message; a connection notices a
 * gap only when a later message of its room arrives, so a lost last message (a motion's close, a quorum
 * alert) would stay missing. Every interval this node reads the committed sequence of each room with
 * connections here (one query for all of them), and a connection that has still not queued what was
 * committed one interval earlier replays the rest from the log. Waiting one interval leaves messages in
 * flight on this node the time to arrive by themselves.
 */
@ApplicationScoped
public class RoomWatermarks {

    private static final Logger LOG = Logger.getLogger(RoomWatermarks.class.getName());

    @Inject
    ConnectionRegistry registry;

    @Inject
    MessageLog log;

    @Inject
    RoutingMetrics metrics;

    @Inject
    @ConfigProperty(name = "quorum.delivery.repair-interval-millis", defaultValue = "1000")
    long intervalMillis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Per room with connections here, its committed sequence at the previous look. */
    private final Map<Long, Long> committedBefore = new ConcurrentHashMap<>();

    private ScheduledFuture<?> task;
    private volatile boolean databaseFailing;

    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::repair, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void repair() {
        if (DatabaseOutage.failingFast()) {
            return; // the database is known to be away: a look now would only wait and log
        }
        try {
            Set<Long> rooms = registry.rooms();
            committedBefore.keySet().retainAll(rooms);
            if (rooms.isEmpty()) {
                return;
            }
            Map<Long, Long> committed = log.lastSequences(rooms);
            if (databaseFailing) {
                databaseFailing = false;
                LOG.info("Delivery repair reads the message log again");
            }
            committed.forEach((room, last) -> {
                Long before = committedBefore.put(room, last);
                if (before == null || before == 0) {
                    return;
                }
                int repaired = 0;
                for (LiveConnection connection : registry.inRoom(room)) {
                    if (connection.repair(room, before)) {
                        repaired++;
                    }
                }
                if (repaired > 0) {
                    metrics.repaired(repaired);
                    int connections = repaired;
                    LOG.fine(
                            () -> "Room " + room + " repaired up to " + before + " on " + connections + " connections");
                }
            });
        } catch (RuntimeException e) {
            // the database is down or slow: delivery goes on, repair resumes with it; say so once
            if (!databaseFailing) {
                databaseFailing = true;
                LOG.log(Level.WARNING, "Delivery repair cannot read the message log: " + e);
            }
        }
    }
}
