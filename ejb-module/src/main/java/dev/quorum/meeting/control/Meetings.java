package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.meeting.entity.Meeting;
import dev.quorum.meeting.entity.MeetingKind;
import dev.quorum.meeting.entity.MeetingParticipant;
import dev.quorum.meeting.entity.MeetingStatus;
import dev.quorum.meeting.entity.QuorumRule;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.control.RoomAccess;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Meetings: creation with agenda and participants (each with a weight in member meetings), attendance,
 * and quorum. Every meeting has a room of its own, listing its participants, through which its live
 * events travel. Attendance and quorum changes lock the meeting's row (a pessimistic lock, refreshed), so
 * quorum transitions are seen once and in order.
 */
@Stateless
@DatabaseGuarded
public class Meetings {

    public static final Set<String> ORGANIZERS = Set.of("secretary", "chair");

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    RoomAccess rooms;

    @Inject
    MemberDirectory directory;

    @Inject
    MeetingDefaults meetingDefaults;

    public record NewParticipant(String member, BigDecimal weight) {
        static NewParticipant decode(Fields fields) {
            return new NewParticipant(fields.text("member", 200), fields.optionalDecimal("weight"));
        }
    }

    public record NewMeeting(
            String kind,
            String title,
            Instant scheduledAt,
            String quorumRule,
            BigDecimal quorumValue,
            List<NewParticipant> participants,
            List<String> agenda,
            String chair) {

        /** The body of {@code POST /api/meetings}, validated field by field. */
        public static NewMeeting decode(Fields fields) {
            List<Fields> participants = fields.optionalObjects("participants", 10_000);
            return new NewMeeting(
                    fields.text("kind", 20),
                    fields.text("title", 200),
                    fields.optionalInstant("scheduledAt"),
                    fields.optionalText("quorumRule", 40),
                    fields.optionalDecimal("quorumValue"),
                    participants == null
                            ? null
                            : participants.stream().map(NewParticipant::decode).toList(),
                    fields.optionalStrings("agenda", 500),
                    fields.optionalText("chair", 200));
        }
    }

    public record MeetingRef(
            long id,
            long organizationId,
            long room,
            String kind,
            String title,
            String status,
            String quorumRule,
            BigDecimal quorumValue,
            Instant scheduledAt,
            String chair,
            String chairName,
            Instant startedAt,
            Instant endedAt) {
        public boolean isMemberMeeting() {
            return "member".equals(kind);
        }

        public boolean isAdjourned() {
            return "adjourned".equals(status);
        }

        public boolean isInSession() {
            return "in_session".equals(status);
        }
    }

    public record Participant(String id, String displayName, BigDecimal weight, boolean present, Instant checkedInAt) {}

    /** An item of the agenda; closedAt is when the chair moved on from it. */
    public record AgendaItem(long id, int position, String title, Instant closedAt) {}

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
        // what the organizer leaves out comes from the organization's defaults for this kind of meeting
        MeetingDefaults.Defaults defaults = meetingDefaults.of(actor.organizationId(), request.kind());
        String ruleName = request.quorumRule() == null ? defaults.quorumRule() : request.quorumRule();
        BigDecimal quorumValue =
                validQuorum(ruleName, request.quorumRule() == null ? defaults.quorumValue() : request.quorumValue());
        QuorumRule rule = QuorumRule.fromWire(ruleName);
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
        Member chair = chairOf(actor, request.chair(), members);
        // native: the meeting's id is needed before it is stored, since its room is named after it
        long id = ((Number)
                        em.createNativeQuery("SELECT nextval('meeting_id_seq')").getSingleResult())
                .longValue();
        long room = rooms.createMembershipRoom(actor.organizationId(), "meeting", request.title() + " · meeting " + id);
        Meeting meeting = new Meeting(
                id,
                actor.organizationId(),
                room,
                MeetingKind.fromWire(request.kind()),
                request.title(),
                request.scheduledAt(),
                rule,
                quorumValue,
                actor.memberId(),
                chair.getId());
        em.persist(meeting);
        for (int i = 0; i < members.size(); i++) {
            em.persist(new MeetingParticipant(meeting, members.get(i), weights.get(i)));
            rooms.list(room, members.get(i).getId());
        }
        // the organizer follows the meeting's room even when not voting in it
        rooms.list(room, actor.memberId());
        List<String> agenda = request.agenda() == null ? defaults.agenda() : request.agenda();
        for (int i = 0; i < agenda.size(); i++) {
            if (agenda.get(i) == null
                    || agenda.get(i).isBlank()
                    || agenda.get(i).length() > 500) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "Agenda items have 1 to 500 characters.");
            }
            em.persist(new dev.quorum.meeting.entity.AgendaItem(meeting, i + 1, agenda.get(i)));
        }
        em.flush();
        return meeting(actor, id);
    }

    /**
     * A quorum rule's value, checked: none for a majority of the seats (stored as 0), a positive count, or a
     * positive percentage of at most 100.
     */
    static BigDecimal validQuorum(String ruleName, BigDecimal value) {
        QuorumRule rule;
        try {
            rule = QuorumRule.fromWire(ruleName);
        } catch (IllegalArgumentException e) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "quorumRule is majority_of_seats, count or weight_percent.");
        }
        if (rule == QuorumRule.MAJORITY_OF_SEATS) {
            return BigDecimal.ZERO;
        }
        if (value == null
                || value.signum() <= 0
                || (rule == QuorumRule.WEIGHT_PERCENT && value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "quorumValue must be positive (a percentage ≤ 100).");
        }
        return value;
    }

    /**
     * The meeting's chair: the participant named, else the first participant holding the chair role, else the
     * organizer when they take part. A meeting is never without a chair, and its chair always takes part.
     */
    private static Member chairOf(MemberIdentity actor, String named, List<Member> participants) {
        if (named != null) {
            return participants.stream()
                    .filter(member -> member.getSubject().equals(named))
                    .findFirst()
                    .orElseThrow(() -> new QuorumException(
                            QuorumError.INVALID_MESSAGE, "The chair must be one of the meeting's participants."));
        }
        return participants.stream()
                .filter(member -> member.getRoles().contains(dev.quorum.identity.entity.Role.CHAIR))
                .findFirst()
                .or(() -> participants.stream()
                        .filter(member -> member.getId() == actor.memberId())
                        .findFirst())
                .orElseThrow(() -> new QuorumException(
                        QuorumError.INVALID_MESSAGE, "Choose the meeting's chair among its participants."));
    }

    /** Who may see a meeting besides its participants and its creator. */
    public static final Set<String> OVERSIGHT = RoomAccess.MEETING_OVERSIGHT;

    /**
     * A meeting the actor may see: of their organization, and they take part in it, created it, or hold a
     * role that oversees meetings. Any other meeting is as unknown as a missing one: a board's business is
     * not every member's.
     */
    public MeetingRef meeting(MemberIdentity actor, long id) {
        Meeting meeting = em.find(Meeting.class, id);
        if (meeting == null
                || meeting.getOrganizationId() != actor.organizationId()
                || !(actor.roles().stream().anyMatch(OVERSIGHT::contains)
                        || isParticipant(id, actor.memberId())
                        || meeting.getCreatedBy() == actor.memberId())) {
            throw new QuorumException(QuorumError.MEETING_NOT_FOUND);
        }
        return ref(meeting);
    }

    /** Refused unless the actor chairs this meeting: the chair chosen at scheduling, not any chair of the organization. */
    public void requireChair(MemberIdentity actor, long meetingId) {
        Meeting meeting = em.find(Meeting.class, meetingId);
        if (meeting == null || meeting.getChairId() != actor.memberId()) {
            throw new QuorumException(QuorumError.CHAIR_ONLY);
        }
    }

    /** The meeting, locked for this transaction when asked; null when there is none. */
    public MeetingRef byId(long id, boolean lock) {
        Meeting meeting = lock ? locked(id) : em.find(Meeting.class, id);
        return meeting == null ? null : ref(meeting);
    }

    /**
     * The meeting's row locked for this transaction (SELECT ... FOR UPDATE) and read afresh: whatever
     * another transaction committed before the lock was granted is seen.
     */
    public Meeting locked(long id) {
        Meeting meeting = em.find(Meeting.class, id);
        if (meeting != null) {
            em.refresh(meeting, LockModeType.PESSIMISTIC_WRITE);
        }
        return meeting;
    }

    public MeetingRef ref(Meeting meeting) {
        Member chair = em.find(Member.class, meeting.getChairId());
        return new MeetingRef(
                meeting.getId(),
                meeting.getOrganizationId(),
                meeting.getRoomId(),
                meeting.getKind().wireName(),
                meeting.getTitle(),
                meeting.getStatus().wireName(),
                meeting.getQuorumRule().wireName(),
                meeting.getQuorumValue(),
                meeting.getScheduledAt(),
                chair.getSubject(),
                chair.getDisplayName(),
                meeting.getStartedAt(),
                meeting.getEndedAt());
    }

    /** The meetings of the actor's organization the actor takes part in or organizes, soonest first. */
    public List<MeetingRef> list(MemberIdentity actor) {
        TypedQuery<Meeting> query = actor.roles().stream().anyMatch(ORGANIZERS::contains)
                ? em.createQuery(
                        "SELECT m FROM Meeting m WHERE m.organizationId = :organization ORDER BY m.scheduledAt, m.id",
                        Meeting.class)
                : em.createQuery(
                                "SELECT m FROM Meeting m WHERE m.organizationId = :organization AND (m.createdBy = "
                                        + ":member OR EXISTS (SELECT p FROM MeetingParticipant p WHERE p.meeting = m "
                                        + "AND p.member.id = :member)) ORDER BY m.scheduledAt, m.id",
                                Meeting.class)
                        .setParameter("member", actor.memberId());
        return query.setParameter("organization", actor.organizationId()).getResultList().stream()
                .map(this::ref)
                .toList();
    }

    /** One query, whatever the meeting's size: a projection, not entities with their members' roles. */
    public List<Participant> participants(long meetingId) {
        return em
                .createQuery(
                        "SELECT p.member.subject, p.member.displayName, p.weight, p.present, p.checkedInAt "
                                + "FROM MeetingParticipant p WHERE p.meeting.id = :meeting ORDER BY p.member.displayName",
                        Object[].class)
                .setParameter("meeting", meetingId)
                .getResultList()
                .stream()
                .map(row -> new Participant(
                        (String) row[0], (String) row[1], (BigDecimal) row[2], (Boolean) row[3], (Instant) row[4]))
                .toList();
    }

    private static Participant participant(MeetingParticipant row) {
        return new Participant(
                row.getMember().getSubject(),
                row.getMember().getDisplayName(),
                row.getWeight(),
                row.isPresent(),
                row.getCheckedInAt());
    }

    private MeetingParticipant participantRow(long meetingId, long memberId) {
        return em.find(MeetingParticipant.class, new MeetingParticipant.Key(meetingId, memberId));
    }

    public List<AgendaItem> agenda(long meetingId) {
        return em
                .createQuery(
                        "SELECT a FROM AgendaItem a WHERE a.meeting.id = :meeting ORDER BY a.position",
                        dev.quorum.meeting.entity.AgendaItem.class)
                .setParameter("meeting", meetingId)
                .getResultList()
                .stream()
                .map(Meetings::item)
                .toList();
    }

    /** The member's seat in the meeting, or null when they do not take part. */
    public Participant participant(long meetingId, long memberId) {
        MeetingParticipant row = participantRow(meetingId, memberId);
        return row == null ? null : participant(row);
    }

    static AgendaItem item(dev.quorum.meeting.entity.AgendaItem item) {
        return new AgendaItem(item.getId(), item.getPosition(), item.getTitle(), item.getClosedAt());
    }

    public boolean isParticipant(long meetingId, long memberId) {
        return participantRow(meetingId, memberId) != null;
    }

    /** Quorum now: participants present, plus (member meetings) those whose meeting-wide proxy holder is present. */
    public QuorumRule.Status quorum(MeetingRef meeting) {
        Set<Long> representedByProxy = new HashSet<>(em.createQuery(
                        "SELECT x.delegator.id FROM Proxy x, MeetingParticipant h WHERE x.meeting.id = :meeting "
                                + "AND x.motionId IS NULL AND x.revokedAt IS NULL AND h.meeting.id = :meeting "
                                + "AND h.member = x.holder AND h.present = TRUE",
                        Long.class)
                .setParameter("meeting", meeting.id())
                .getResultList());
        List<QuorumRule.Seat> seats = em
                .createQuery(
                        "SELECT p.member.id, p.weight, p.present FROM MeetingParticipant p WHERE p.meeting.id = :meeting",
                        Object[].class)
                .setParameter("meeting", meeting.id())
                .getResultList()
                .stream()
                .map(row -> new QuorumRule.Seat(
                        (BigDecimal) row[1], (Boolean) row[2], representedByProxy.contains((Long) row[0])))
                .toList();
        return QuorumRule.fromWire(meeting.quorumRule()).evaluate(meeting.quorumValue(), seats);
    }

    /** Checks the actor in (present) or out; answers the new quorum and whether it was just lost or gained. */
    public Attendance attend(MemberIdentity actor, long meetingId, boolean present) {
        meeting(actor, meetingId);
        Meeting meeting = locked(meetingId);
        MeetingParticipant participant = participantRow(meetingId, actor.memberId());
        if (participant == null) {
            throw new QuorumException(QuorumError.NOT_A_PARTICIPANT);
        }
        if (present && meeting.getStatus() == MeetingStatus.ADJOURNED) {
            throw new QuorumException(QuorumError.MEETING_STATE, "The meeting has been adjourned.");
        }
        participant.attend(present, Instant.now());
        return recordQuorum(meeting, actor.memberId());
    }

    /** Quorum after something other than attendance changed it (a proxy granted or revoked). */
    public Attendance requorum(MemberIdentity actor, long meetingId) {
        meeting(actor, meetingId);
        return recordQuorum(locked(meetingId), null);
    }

    /** Re-evaluates quorum under the meeting's row lock and remembers it, so each transition is reported once. */
    private Attendance recordQuorum(Meeting meeting, Long memberId) {
        boolean wasMet = meeting.isQuorumMet();
        MeetingRef ref = ref(meeting);
        QuorumRule.Status quorum = quorum(ref);
        meeting.setQuorumMet(quorum.met());
        if (wasMet != quorum.met()) {
            // the minutes list when quorum came and went
            em.createNativeQuery("INSERT INTO meeting_quorum_change (meeting_id, met, present, required, unit) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, meeting.getId())
                    .setParameter(2, quorum.met())
                    .setParameter(3, quorum.present())
                    .setParameter(4, quorum.required())
                    .setParameter(5, quorum.unit())
                    .executeUpdate();
        }
        Participant participant = null;
        if (memberId != null) {
            MeetingParticipant row = participantRow(meeting.getId(), memberId);
            participant = row == null ? null : participant(row);
        }
        return new Attendance(ref, participant, quorum, wasMet && !quorum.met(), !wasMet && quorum.met());
    }
}
