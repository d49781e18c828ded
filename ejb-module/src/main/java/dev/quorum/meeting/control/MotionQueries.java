package dev.quorum.meeting.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.List;

/**
 * Reading motions: one as its viewer may see it, a meeting's list, and one locked for a change. SQL until
 * motions have an entity: their options are JSONB, and a motion is locked together with the check of its
 * organization in one statement (FOR UPDATE OF).
 */
@Stateless
@DatabaseGuarded
public class MotionQueries {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    public MotionView motion(MemberIdentity actor, long motionId) {
        MotionView motion = view(motionId);
        if (motion == null) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        try {
            meetings.meeting(actor, motion.meeting()); // the meeting's visibility is the motion's
        } catch (QuorumException hidden) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        return motion;
    }

    public List<MotionView> motions(MemberIdentity actor, long meetingId) {
        meetings.meeting(actor, meetingId);
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM motion WHERE meeting_id = ?1 ORDER BY id")
                .setParameter(1, meetingId)
                .getResultList();
        return ids.stream().map(id -> view(id.longValue())).toList();
    }

    /** The motion, locked for this transaction; another organization's motion is as unknown as a missing one. */
    public MotionView locked(MemberIdentity actor, long motionId) {
        boolean found = !em.createNativeQuery("SELECT m.id FROM motion m JOIN meeting g ON g.id = m.meeting_id "
                        + "WHERE m.id = ?1 AND g.organization_id = ?2 FOR UPDATE OF m")
                .setParameter(1, motionId)
                .setParameter(2, actor.organizationId())
                .getResultList()
                .isEmpty();
        if (!found) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        return view(motionId);
    }

    public MotionView view(long motionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.meeting_id, m.agenda_item_id, m.title, m.body, "
                        + "CAST(m.options AS TEXT), m.threshold, m.abstentions_count, m.ballot, m.running_results, "
                        + "m.status, p.subject, s.subject, m.voting_seconds, m.deadline, m.opened_at, m.closed_at, "
                        + "m.closed_by, m.outcome, p.display_name, s.display_name FROM motion m "
                        + "JOIN member p ON p.id = m.proposer_id "
                        + "LEFT JOIN member s ON s.id = m.seconder_id WHERE m.id = ?1")
                .setParameter(1, motionId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        List<String> options =
                JSON.createReader(new StringReader((String) row[5])).readArray().getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList();
        return new MotionView(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                row[2] == null ? null : ((Number) row[2]).longValue(),
                (String) row[3],
                (String) row[4],
                options,
                (String) row[6],
                (Boolean) row[7],
                (String) row[8],
                (Boolean) row[9],
                (String) row[10],
                (String) row[11],
                (String) row[19],
                (String) row[12],
                (String) row[20],
                row[13] == null ? null : ((Number) row[13]).intValue(),
                row[14] == null ? null : Columns.instant(row[14]),
                row[15] == null ? null : Columns.instant(row[15]),
                row[16] == null ? null : Columns.instant(row[16]),
                (String) row[17],
                (String) row[18]);
    }
}
