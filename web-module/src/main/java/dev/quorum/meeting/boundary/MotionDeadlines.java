package dev.quorum.meeting.boundary;

import dev.quorum.audit.control.AuditLog;
import dev.quorum.meeting.control.Motions;
import dev.quorum.meeting.control.Motions.Closed;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes motions at their deadline. Every node looks each second; the database row lock (SKIP LOCKED)
 * gives each overdue motion to exactly one node, and since deadlines live in the database a motion whose
 * deadline passed while every node was down is closed by the first node that comes back.
 */
@Singleton
public class MotionDeadlines {

    private static final Logger LOG = Logger.getLogger(MotionDeadlines.class.getName());

    @Inject
    Motions motions;

    @Inject
    MeetingEvents events;

    @Inject
    AuditLog audit;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void closeOverdueMotions() {
        for (int closedNow = 0; closedNow < 100; closedNow++) {
            Closed closed;
            try {
                closed = motions.closeNextOverdue();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing an overdue motion failed; retrying in a second", e);
                return;
            }
            if (closed == null) {
                return;
            }
            LOG.info(() -> String.format(
                    "Motion %d of meeting %d closed at its deadline: %s",
                    closed.motion().id(), closed.meeting().id(), closed.motion().outcome()));
            audit.record(
                    closed.meeting().organizationId(),
                    "quorum",
                    "motion.close",
                    "motion:" + closed.motion().id(),
                    MeetingEvents.JSONB.toJson(
                            java.util.Map.of("outcome", closed.motion().outcome(), "closedBy", "deadline")),
                    "deadline timer");
            events.closed(closed, 0);
        }
    }
}
