package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.meeting.entity.Meeting;
import dev.quorum.meeting.entity.Proxy;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Proxies of member meetings: a participant delegates their vote to another, for the whole meeting or one
 * motion, directed (the delegator fixes the choice, per motion) or discretionary. Directors never vote by
 * proxy. A proxy can change until its motion opens; the motion keeps the proxies in force at its opening.
 * Changes lock the meeting row, so two delegations racing cannot form a chain.
 */
@Stateless
@DatabaseGuarded
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
        Meeting locked = meetings.locked(meetingId);
        if (!meetings.isParticipant(meetingId, actor.memberId())) {
            throw new QuorumException(QuorumError.NOT_A_PARTICIPANT);
        }
        Member holderMember = participant(meetingId, holder);
        if (holderMember.getId() == actor.memberId()) {
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
        if (!active(meetingId, "x.holder.id", actor.memberId()).isEmpty()
                || !active(meetingId, "x.delegator.id", holderMember.getId()).isEmpty()) {
            throw new QuorumException(QuorumError.PROXY_CHAIN);
        }
        // a new proxy of the same scope replaces the old one
        Instant now = Instant.now();
        active(meetingId, "x.delegator.id", actor.memberId()).stream()
                .filter(old -> Objects.equals(old.getMotionId(), motionId))
                .forEach(old -> old.revoke(now));
        Proxy proxy = new Proxy(locked, em.find(Member.class, actor.memberId()), holderMember, motionId, choice);
        em.persist(proxy);
        em.flush();
        em.refresh(proxy); // the database sets created_at
        return view(proxy);
    }

    public ProxyView revoke(MemberIdentity actor, long meetingId, long proxyId) {
        meetings.meeting(actor, meetingId);
        meetings.locked(meetingId);
        Proxy proxy = em.find(Proxy.class, proxyId);
        if (proxy == null
                || proxy.getMeeting().getId() != meetingId
                || proxy.getDelegator().getId() != actor.memberId()) {
            throw new QuorumException(QuorumError.NOT_FOUND, "No such proxy of yours in this meeting.");
        }
        if (proxy.getMotionId() != null) {
            requireNotOpened(queries.motion(actor, proxy.getMotionId()));
        }
        proxy.revoke(Instant.now());
        return view(proxy);
    }

    /** Organizers see every proxy of the meeting; a participant the ones they gave or hold. */
    public List<ProxyView> list(MemberIdentity actor, long meetingId) {
        meetings.meeting(actor, meetingId);
        TypedQuery<Proxy> query = actor.roles().stream().anyMatch(Meetings.ORGANIZERS::contains)
                ? em.createQuery("SELECT x FROM Proxy x WHERE x.meeting.id = :meeting ORDER BY x.id", Proxy.class)
                : em.createQuery(
                                "SELECT x FROM Proxy x WHERE x.meeting.id = :meeting AND (x.delegator.id = :member "
                                        + "OR x.holder.id = :member) ORDER BY x.id",
                                Proxy.class)
                        .setParameter("member", actor.memberId());
        return query.setParameter("meeting", meetingId).getResultList().stream()
                .map(Proxies::view)
                .toList();
    }

    private static void requireNotOpened(MotionView motion) {
        if ("open".equals(motion.status()) || "closed".equals(motion.status())) {
            throw new QuorumException(QuorumError.PROXY_LOCKED);
        }
    }

    /** The meeting's proxies in force where the given side (x.holder.id or x.delegator.id) is the member. */
    private List<Proxy> active(long meetingId, String side, long memberId) {
        return em.createQuery(
                        "SELECT x FROM Proxy x WHERE x.meeting.id = :meeting AND " + side
                                + " = :member AND x.revokedAt IS NULL",
                        Proxy.class)
                .setParameter("meeting", meetingId)
                .setParameter("member", memberId)
                .getResultList();
    }

    /** An active participant of the meeting, by member id. */
    private Member participant(long meetingId, String subject) {
        List<Member> found = em.createQuery(
                        "SELECT p.member FROM MeetingParticipant p WHERE p.meeting.id = :meeting "
                                + "AND p.member.subject = :subject AND p.member.active = TRUE",
                        Member.class)
                .setParameter("meeting", meetingId)
                .setParameter("subject", subject)
                .getResultList();
        if (found.isEmpty()) {
            throw new QuorumException(
                    QuorumError.NOT_A_PARTICIPANT, "'" + subject + "' is not a participant of this meeting.");
        }
        return found.get(0);
    }

    private static ProxyView view(Proxy proxy) {
        return new ProxyView(
                proxy.getId(),
                proxy.getMeeting().getId(),
                proxy.getDelegator().getSubject(),
                proxy.getHolder().getSubject(),
                proxy.getMotionId(),
                proxy.getChoice(),
                proxy.getCreatedAt(),
                proxy.getRevokedAt());
    }
}
