package dev.quorum.delivery.control;

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
 * alert) would stay missing. Every interval this node compares, for each room with connections here, the
 * room's committed sequence in the database with the highest it has delivered, and has the connections
 * of a room that is behind replay the rest from the log. One query per interval, whatever the rooms.
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

    /** Per room with connections here, the highest sequence this node delivered or caught up to. */
    private final Map<Long, Long> delivered = new ConcurrentHashMap<>();

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

    /** A committed message of the room was handed to this node's connections. */
    public void delivered(long room, long sequence) {
        delivered.merge(room, sequence, Math::max);
    }

    void repair() {
        try {
            Set<Long> rooms = registry.rooms();
            delivered.keySet().retainAll(rooms);
            if (rooms.isEmpty()) {
                return;
            }
            Map<Long, Long> committed = log.lastSequences(rooms);
            if (databaseFailing) {
                databaseFailing = false;
                LOG.info("Delivery repair reads the message log again");
            }
            committed.forEach((room, last) -> {
                Long seen = delivered.get(room);
                if (seen != null && seen >= last) {
                    return;
                }
                int behind = 0;
                for (LiveConnection connection : registry.inRoom(room)) {
                    if (connection.catchUp(room, last)) {
                        behind++;
                    }
                }
                if (behind > 0 && seen != null) {
                    metrics.repaired(behind);
                    int connections = behind;
                    LOG.fine(() -> "Room " + room + " repaired up to " + last + " (had " + seen + ") on " + connections
                            + " connections");
                }
                delivered(room, last);
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
