package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Proxies of member meetings: a participant delegates their vote to another, for the whole meeting or one
 * motion, directed (the delegator fixes the choice, per motion) or discretionary. Directors never vote by
 * proxy. A proxy can change until its motion opens; the motion keeps the proxies in force at its opening.
 * Changes lock the meeting row, so two delegations racing cannot form a chain.
 */
@Stateless
public class Proxies {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @EJB
    MotionQueries queries;

    public record ProxyView(
            long id,
            long meeting,
            String delegator,
            String holder,
            Long motion,
            String choice,
            Instant createdAt,
            Instant revokedAt) {}

    public ProxyView grant(MemberIdentity actor, long meetingId, String holder, Long motionId, String choice) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        if (!meeting.isMemberMeeting()) {
            throw new QuorumException(QuorumError.PROXY_NOT_ALLOWED);
        }
        meetings.byId(meetingId, true);
        if (!meetings.isParticipant(meetingId, actor.memberId())) {
            throw new QuorumException(QuorumError.NOT_A_PARTICIPANT);
        }
        long holderId = participantId(meetingId, holder);
        if (holderId == actor.memberId()) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A proxy goes to someone else.");
        }
        if (choice != null && motionId == null) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "A directed proxy names its motion: the choice is per motion.");
        }
        if (motionId != null) {
            MotionView motion = queries.motion(actor, motionId);
            if (motion.meeting() != meetingId) {
                throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
            }
            requireNotOpened(motion);
            if (choice != null && !motion.options().contains(choice)) {
                throw new QuorumException(QuorumError.UNKNOWN_OPTION);
            }
        }
        if (activeCount("holder_id", meetingId, actor.memberId()) > 0
                || activeCount("delegator_id", meetingId, holderId) > 0) {
            throw new QuorumException(QuorumError.PROXY_CHAIN);
        }
        // a new proxy of the same scope replaces the old one
        em.createNativeQuery("UPDATE proxy SET revoked_at = now() WHERE meeting_id = ?1 AND delegator_id = ?2 "
                        + "AND revoked_at IS NULL AND COALESCE(motion_id, 0) = ?3")
                .setParameter(1, meetingId)
                .setParameter(2, actor.memberId())
                .setParameter(3, motionId == null ? 0L : motionId)
                .executeUpdate();
        long id = ((Number) em.createNativeQuery(
                                "INSERT INTO proxy (meeting_id, delegator_id, holder_id, motion_id, choice) "
                                        + "VALUES (?1, ?2, ?3, NULLIF(?4, 0), NULLIF(?5, '')) RETURNING id")
                        .setParameter(1, meetingId)
                        .setParameter(2, actor.memberId())
                        .setParameter(3, holderId)
                        .setParameter(4, motionId == null ? 0L : motionId)
                        .setParameter(5, choice == null ? "" : choice)
                        .getSingleResult())
                .longValue();
        return view(id);
    }

    public ProxyView revoke(MemberIdentity actor, long meetingId, long proxyId) {
        meetings.meeting(actor, meetingId);
        meetings.byId(meetingId, true);
        ProxyView proxy = view(proxyId);
        if (proxy == null || proxy.meeting() != meetingId || !proxy.delegator().equals(actor.subject())) {
            throw new QuorumException(QuorumError.NOT_FOUND, "No such proxy of yours in this meeting.");
        }
        if (proxy.motion() != null) {
            requireNotOpened(queries.motion(actor, proxy.motion()));
        }
        em.createNativeQuery("UPDATE proxy SET revoked_at = now() WHERE id = ?1 AND revoked_at IS NULL")
                .setParameter(1, proxyId)
                .executeUpdate();
        return view(proxyId);
    }

    /** Organizers see every proxy of the meeting; a participant the ones they gave or hold. */
    public List<ProxyView> list(MemberIdentity actor, long meetingId) {
        meetings.meeting(actor, meetingId);
        boolean organizer = actor.roles().stream().anyMatch(Meetings.ORGANIZERS::contains);
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(
                        "SELECT id FROM proxy WHERE meeting_id = ?1 AND (?2 OR delegator_id = ?3 "
                                + "OR holder_id = ?3) ORDER BY id")
                .setParameter(1, meetingId)
                .setParameter(2, organizer)
                .setParameter(3, actor.memberId())
                .getResultList();
        return ids.stream().map(id -> view(id.longValue())).toList();
    }

    private static void requireNotOpened(MotionView motion) {
        if ("open".equals(motion.status()) || "closed".equals(motion.status())) {
            throw new QuorumException(QuorumError.PROXY_LOCKED);
        }
    }

    private long activeCount(String column, long meetingId, long memberId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM proxy WHERE meeting_id = ?1 AND " + column
                                + " = ?2 AND revoked_at IS NULL")
                        .setParameter(1, meetingId)
                        .setParameter(2, memberId)
                        .getSingleResult())
                .longValue();
    }

    private long participantId(long meetingId, String subject) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT p.member_id FROM meeting_participant p JOIN member m ON m.id = "
                        + "p.member_id WHERE p.meeting_id = ?1 AND m.subject = ?2 AND m.active")
                .setParameter(1, meetingId)
                .setParameter(2, subject)
                .getResultList();
        if (ids.isEmpty()) {
            throw new QuorumException(
                    QuorumError.NOT_A_PARTICIPANT, "'" + subject + "' is not a participant of this meeting.");
        }
        return ids.get(0).longValue();
    }

    private ProxyView view(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT x.id, x.meeting_id, d.subject, h.subject, x.motion_id, x.choice, "
                                + "x.created_at, x.revoked_at FROM proxy x JOIN member d ON d.id = x.delegator_id "
                                + "JOIN member h ON h.id = x.holder_id WHERE x.id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new ProxyView(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                (String) row[2],
                (String) row[3],
                row[4] == null ? null : ((Number) row[4]).longValue(),
                (String) row[5],
                Columns.instant(row[6]),
                row[7] == null ? null : Columns.instant(row[7]));
    }
}
