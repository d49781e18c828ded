package dev.quorum.meeting.control;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes motions at their deadline. Every node looks each second; the database row lock (SKIP LOCKED)
 * gives each overdue motion to exactly one node, and since deadlines live in the database a motion whose
 * deadline passed while every node was down is closed by the first node that comes back. Each close is a
 * transaction of its own, delivered after it commits: a close that fails rolls back alone and never
 * takes the others with it, and nothing of it was seen. Payara ran this timer in one container transaction
 * even with NOT_SUPPORTED declared, so each close also asks for a new transaction itself (REQUIRES_NEW).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MotionDeadlines {

    private static final Logger LOG = Logger.getLogger(MotionDeadlines.class.getName());
    static final int BATCH = 100;

    @Inject
    Motions motions;

    @Inject
    MeetingFlow flow;

    /** Motions whose close failed, so a failure that repeats every second is logged once. */
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    public void closeOverdueMotions() {
        if (DatabaseOutage.timersWait()) {
            return; // the database is known to be away; the deadlines are closed once it is back
        }
        List<Long> due;
        try {
            due = motions.overdue(BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Looking for overdue motions failed; retrying in a second", e);
            return;
        }
        for (long motion : due) {
            try {
                var closed = flow.closeAtDeadline(motion);
                if (failing.remove(motion)) {
                    LOG.info(() -> "Motion " + motion + " closed after earlier failures");
                }
                if (closed != null) {
                    LOG.info(() -> String.format(
                            "Motion %d of meeting %d closed at its deadline: %s",
                            motion, closed.meeting().id(), closed.motion().outcome()));
                }
            } catch (RuntimeException e) {
                if (failing.add(motion)) {
                    LOG.log(
                            Level.WARNING,
                            "Closing motion " + motion + " at its deadline failed; retrying each second: "
                                    + rootMessage(e));
                } else {
                    LOG.log(Level.FINE, "Closing motion " + motion + " failed again", e);
                }
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
