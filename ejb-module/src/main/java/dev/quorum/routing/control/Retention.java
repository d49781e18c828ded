package dev.quorum.routing.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes messages past retention: older than the configured days, or beyond the newest N of their
 * room. A client resuming from before what is retained gets `reset`. Every node may run it; the
 * deletes are idempotent.
 *
 * SQL on purpose: bulk deletes that join the room (JPQL's bulk DELETE cannot).
 */
@Startup
@Singleton
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "quorum.retention.days", defaultValue = "30")
    Provider<Integer> days;

    @Inject
    @ConfigProperty(name = "quorum.retention.max-messages-per-room", defaultValue = "100000")
    Provider<Long> maxPerRoom;

    @Inject
    @ConfigProperty(name = "quorum.retention.interval-seconds", defaultValue = "3600")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        long interval = Math.max(1, intervalSeconds) * 1000;
        timers.createIntervalTimer(interval, interval, new TimerConfig("retention", false));
    }

    @Timeout
    public void apply() {
        // read each time: an administrator may change retention while Quorum runs
        int days = this.days.get();
        long maxPerRoom = this.maxPerRoom.get();
        int old = em.createNativeQuery("DELETE FROM message WHERE created_at < now() - make_interval(days => ?1)")
                .setParameter(1, days)
                .executeUpdate();
        int surplus = em.createNativeQuery("DELETE FROM message m USING room r "
                        + "WHERE m.room_id = r.id AND m.sequence <= r.last_sequence - ?1")
                .setParameter(1, maxPerRoom)
                .executeUpdate();
        if (old + surplus > 0) {
            LOG.info(() -> String.format(
                    "Retention removed %d messages older than %d days and %d beyond %d per room",
                    old, days, surplus, maxPerRoom));
        }
    }
}
