package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.control.RoomAccess;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Meetings: creation with agenda and participants (each with a weight in member meetings), attendance,
 * and quorum. Every meeting has a room of its own, listing its participants, through which its live
 * events travel. The tables are used with explicit SQL: attendance locks the meeting row, so quorum
 * transitions are seen once and in order.
 */
@Stateless
public class Meetings {

    public static final Set<String> ORGANIZERS = Set.of("secretary", "chair");

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    RoomAccess rooms;

    @Inject
    MemberDirectory directory;

    public record NewParticipant(String member, BigDecimal weight) {}

    public record NewMeeting(
            String kind,
            String title,
            Instant scheduledAt,
            String quorumRule,
            BigDecimal quorumValue,
            List<NewParticipant> participants,
            List<String> agenda) {}

    public record MeetingRef(
            long id,
            long organizationId,
            long room,
            String kind,
            String title,
            String status,
            String quorumRule,
            BigDecimal quorumValue,
            Instant scheduledAt) {
        public boolean isMemberMeeting() {
            return "member".equals(kind);
        }
    }

    public record Participant(String id, String displayName, BigDecimal weight, boolean present, Instant checkedInAt) {}

    public record AgendaItem(long id, int position, String title) {}

    public record Attendance(
            MeetingRef meeting,
            Participant participant,
            QuorumRule.Status quorum,
            boolean quorumLost,
            boolean quorumGained) {}

    public MeetingRef create(MemberIdentity actor, NewMeeting request) {
        if (actor.roles().stream().noneMatch(ORGANIZERS::contains)) {
            throw new QuorumException(QuorumError.FORBIDDEN, "Only secretaries and chairs create meetings.");
        }
        if (request == null
                || !List.of("board", "member").contains(request.kind())
                || request.title() == null
                || request.title().isBlank()
                || request.title().length() > 200
                || request.scheduledAt() == null) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "A meeting needs kind (board or member), a title and scheduledAt.");
        }
        QuorumRule rule;
        try {
            rule = request.quorumRule() == null
                    ? QuorumRule.MAJORITY_OF_SEATS
                    : QuorumRule.fromWire(request.quorumRule());
        } catch (IllegalArgumentException e) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "quorumRule is majority_of_seats, count or weight_percent.");
        }
        if (rule != QuorumRule.MAJORITY_OF_SEATS
                && (request.quorumValue() == null
                        || request.quorumValue().signum() <= 0
                        || (rule == QuorumRule.WEIGHT_PERCENT
                                && request.quorumValue().compareTo(BigDecimal.valueOf(100)) > 0))) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "quorumValue must be positive (a percentage ≤ 100).");
        }
        List<NewParticipant> participants = request.participants() == null ? List.of() : request.participants();
        if (participants.isEmpty() || participants.size() > 10_000) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A meeting needs 1 to 10000 participants.");
        }
        List<Member> members = new ArrayList<>();
        List<BigDecimal> weights = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (NewParticipant participant : participants) {
            Member member = directory
                    .find(actor.organization(), participant.member())
                    .filter(Member::isActive)
                    .orElseThrow(() -> new QuorumException(
                            QuorumError.MEMBER_UNKNOWN,
                            "No active member '" + participant.member() + "' in your organization."));
            BigDecimal weight = participant.weight() == null ? BigDecimal.ONE : participant.weight();
            if (weight.signum() <= 0 || ("board".equals(request.kind()) && weight.compareTo(BigDecimal.ONE) != 0)) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE,
                        "Weights are positive, and 1 for every director in a board meeting.");
            }
            if (!seen.add(member.getId())) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE, "'" + participant.member() + "' is listed twice.");
            }
            members.add(member);
            weights.add(weight);
        }
        long id = ((Number)
                        em.createNativeQuery("SELECT nextval('meeting_id_seq')").getSingleResult())
                .longValue();
        long room = rooms.createMembershipRoom(actor.organizationId(), "meeting", request.title() + " · meeting " + id);
        em.createNativeQuery(
                        "INSERT INTO meeting (id, organization_id, room_id, kind, title, scheduled_at, quorum_rule, "
                                + "quorum_value, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, id)
                .setParameter(2, actor.organizationId())
                .setParameter(3, room)
                .setParameter(4, request.kind())
                .setParameter(5, request.title())
                .setParameter(6, java.sql.Timestamp.from(request.scheduledAt()))
                .setParameter(7, rule.wireName())
                .setParameter(8, rule == QuorumRule.MAJORITY_OF_SEATS ? BigDecimal.ZERO : request.quorumValue())
                .setParameter(9, actor.memberId())
                .executeUpdate();
        for (int i = 0; i < members.size(); i++) {
            em.createNativeQuery("INSERT INTO meeting_participant (meeting_id, member_id, weight) VALUES (?1, ?2, ?3)")
                    .setParameter(1, id)
                    .setParameter(2, members.get(i).getId())
                    .setParameter(3, weights.get(i))
                    .executeUpdate();
            rooms.list(room, members.get(i).getId());
        }
        // the organizer follows the meeting's room even when not voting in it
        rooms.list(room, actor.memberId());
        List<String> agenda = request.agenda() == null ? List.of() : request.agenda();
        for (int i = 0; i < agenda.size(); i++) {
            if (agenda.get(i) == null
                    || agenda.get(i).isBlank()
                    || agenda.get(i).length() > 500) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "Agenda items have 1 to 500 characters.");
            }
            em.createNativeQuery("INSERT INTO agenda_item (meeting_id, position, title) VALUES (?1, ?2, ?3)")
                    .setParameter(1, id)
                    .setParameter(2, i + 1)
                    .setParameter(3, agenda.get(i))
                    .executeUpdate();
        }
        return meeting(actor, id);
    }

    /** Who may see a meeting besides its participants and its creator. */
    public static final Set<String> OVERSIGHT = Set.of("secretary", "chair", "compliance_officer");

    /**
     * A meeting the actor may see: of their organization, and they take part in it, created it, or hold a
     * role that oversees meetings. Any other meeting is as unknown as a missing one: a board's business is
     * not every member's.
     */
    public MeetingRef meeting(MemberIdentity actor, long id) {
        MeetingRef meeting = byId(id, false);
        if (meeting == null
                || meeting.organizationId() != actor.organizationId()
                || !(actor.roles().stream().anyMatch(OVERSIGHT::contains)
                        || isParticipant(id, actor.memberId())
                        || isCreator(id, actor.memberId()))) {
            throw new QuorumException(QuorumError.MEETING_NOT_FOUND);
        }
        return meeting;
    }

    private boolean isCreator(long meetingId, long memberId) {
        return !em.createNativeQuery("SELECT 1 FROM meeting WHERE id = ?1 AND created_by = ?2")
                .setParameter(1, meetingId)
                .setParameter(2, memberId)
                .getResultList()
                .isEmpty();
    }

    /** The meeting row, locked for this transaction when asked. */
    public MeetingRef byId(long id, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, organization_id, room_id, kind, title, status, quorum_rule, "
                                + "quorum_value, scheduled_at FROM meeting WHERE id = ?1" + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new MeetingRef(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(),
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (String) row[6],
                (BigDecimal) row[7],
                Columns.instant(row[8]));
    }

    /** The meetings of the actor's organization the actor takes part in or organizes, soonest first. */
    public List<MeetingRef> list(MemberIdentity actor) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT m.id FROM meeting m WHERE m.organization_id = ?1 AND (?2 OR "
                        + "EXISTS (SELECT 1 FROM meeting_participant p WHERE p.meeting_id = m.id AND p.member_id = ?3) "
                        + "OR m.created_by = ?3) ORDER BY m.scheduled_at, m.id")
                .setParameter(1, actor.organizationId())
                .setParameter(2, actor.roles().stream().anyMatch(ORGANIZERS::contains))
                .setParameter(3, actor.memberId())
                .getResultList();
        return ids.stream().map(id -> byId(id.longValue(), false)).toList();
    }

    private static final String PARTICIPANTS = "SELECT m.subject, m.display_name, p.weight, p.present, "
            + "p.checked_in_at FROM meeting_participant p JOIN member m ON m.id = p.member_id WHERE p.meeting_id = ?1 ";

    public List<Participant> participants(long meetingId) {
        return participantRows(
                em.createNativeQuery(PARTICIPANTS + "ORDER BY m.display_name").setParameter(1, meetingId));
    }

    /** One participant, without reading the whole list (a member meeting may have thousands). */
    private Participant participant(long meetingId, long memberId) {
        return participantRows(em.createNativeQuery(PARTICIPANTS + "AND p.member_id = ?2")
                        .setParameter(1, meetingId)
                        .setParameter(2, memberId))
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static List<Participant> participantRows(jakarta.persistence.Query query) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(row -> new Participant(
                        (String) row[0],
                        (String) row[1],
                        (BigDecimal) row[2],
                        (Boolean) row[3],
                        row[4] == null ? null : Columns.instant(row[4])))
                .toList();
    }

    public List<AgendaItem> agenda(long meetingId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, position, title FROM agenda_item WHERE meeting_id = ?1 ORDER BY position")
                .setParameter(1, meetingId)
                .getResultList();
        return rows.stream()
                .map(row ->
                        new AgendaItem(((Number) row[0]).longValue(), ((Number) row[1]).intValue(), (String) row[2]))
                .toList();
    }

    public boolean isParticipant(long meetingId, long memberId) {
        return !em.createNativeQuery("SELECT 1 FROM meeting_participant WHERE meeting_id = ?1 AND member_id = ?2")
                .setParameter(1, meetingId)
                .setParameter(2, memberId)
                .getResultList()
                .isEmpty();
    }

    /** Quorum now: participants present, plus (member meetings) those whose meeting-wide proxy holder is present. */
    public QuorumRule.Status quorum(MeetingRef meeting) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT p.weight, p.present, EXISTS (SELECT 1 FROM proxy x "
                        + "JOIN meeting_participant h ON h.meeting_id = x.meeting_id AND h.member_id = x.holder_id "
                        + "WHERE x.meeting_id = p.meeting_id AND x.delegator_id = p.member_id AND x.motion_id IS NULL "
                        + "AND x.revoked_at IS NULL AND h.present) FROM meeting_participant p WHERE p.meeting_id = ?1")
                .setParameter(1, meeting.id())
                .getResultList();
        List<QuorumRule.Seat> seats = rows.stream()
                .map(row -> new QuorumRule.Seat((BigDecimal) row[0], (Boolean) row[1], (Boolean) row[2]))
                .toList();
        return QuorumRule.fromWire(meeting.quorumRule()).evaluate(meeting.quorumValue(), seats);
    }

    /** Checks the actor in (present) or out; answers the new quorum and whether it was just lost or gained. */
    public Attendance attend(MemberIdentity actor, long meetingId, boolean present) {
        meeting(actor, meetingId);
        MeetingRef meeting = byId(meetingId, true);
        int changed = em.createNativeQuery("UPDATE meeting_participant SET present = ?1, "
                        + (present ? "checked_in_at = now()" : "checked_out_at = now()")
                        + " WHERE meeting_id = ?2 AND member_id = ?3")
                .setParameter(1, present)
                .setParameter(2, meetingId)
                .setParameter(3, actor.memberId())
                .executeUpdate();
        if (changed == 0) {
            throw new QuorumException(QuorumError.NOT_A_PARTICIPANT);
        }
        return recordQuorum(meeting, actor.memberId());
    }

    /** Quorum after something other than attendance changed it (a proxy granted or revoked). */
    public Attendance requorum(MemberIdentity actor, long meetingId) {
        meeting(actor, meetingId);
        return recordQuorum(byId(meetingId, true), null);
    }

    /** Re-evaluates quorum under the meeting's row lock and remembers it, so each transition is reported once. */
    private Attendance recordQuorum(MeetingRef meeting, Long memberId) {
        boolean wasMet = (Boolean) em.createNativeQuery("SELECT quorum_met FROM meeting WHERE id = ?1")
                .setParameter(1, meeting.id())
                .getSingleResult();
        QuorumRule.Status quorum = quorum(meeting);
        if (quorum.met() != wasMet) {
            em.createNativeQuery("UPDATE meeting SET quorum_met = ?1 WHERE id = ?2")
                    .setParameter(1, quorum.met())
                    .setParameter(2, meeting.id())
                    .executeUpdate();
        }
        Participant participant = memberId == null ? null : participant(meeting.id(), memberId);
        return new Attendance(meeting, participant, quorum, wasMet && !quorum.met(), !wasMet && quorum.met());
    }
}
