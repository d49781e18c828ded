package dev.quorum.minutes.control;

import dev.quorum.document.control.DocumentRendering;
import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.AgendaItem;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Meetings.Participant;
import dev.quorum.meeting.control.MotionQueries;
import dev.quorum.minutes.control.MinutesRecord.Approval;
import dev.quorum.minutes.control.MinutesRecord.Attendee;
import dev.quorum.minutes.control.MinutesRecord.Item;
import dev.quorum.minutes.control.MinutesRecord.Motion;
import dev.quorum.minutes.control.MinutesRecord.Presence;
import dev.quorum.minutes.control.MinutesRecord.QuorumChange;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The minutes of a meeting: assembled afresh from its record while they are a draft (attendance from the audit
 * trail's check-ins and check-outs, quorum changes, agenda items, motions and their decision minutes), with the
 * narrative the secretary writes per item; approved after the adjournment by a secretary or the meeting's
 * chair, after which the approved text is the document of record and nothing in it changes (the database
 * refuses it too). Every write takes the meeting's row lock, so no narrative lands after the approval.
 * Narratives and approved minutes of a confidential meeting are sealed.
 */
@Stateless
@DatabaseGuarded
public class MeetingMinutes {

    public static final int MAX_NARRATIVE = 20_000;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @EJB
    MotionQueries queries;

    @Inject
    Sealing sealing;

    @Inject
    Event<Object> events;

    /** One narrative: of an agenda item, or of the opening (agendaItem null). */
    public record Narrative(Long agendaItem, String title, String text) {}

    public record MinutesView(
            long meeting,
            String status,
            String approvedBy,
            Instant approvedAt,
            boolean mayEdit,
            boolean mayApprove,
            List<Narrative> narratives,
            String markdown,
            String html) {}

    public MinutesView view(MemberIdentity actor, long meetingId) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        return view(actor, meeting);
    }

    /** The minutes' Markdown: the approved text once approved, else the draft as it stands. */
    public MinutesDocument document(MemberIdentity actor, long meetingId) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        Object[] approved = approved(meeting);
        String markdown = approved != null ? (String) approved[0] : MinutesMarkdown.render(record(meeting, null));
        return new MinutesDocument(meeting.title(), approved != null, markdown);
    }

    public record MinutesDocument(String title, boolean approved, String markdown) {}

    public MinutesView writeNarrative(
            MemberIdentity actor, long meetingId, Long agendaItem, String text, String source) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        requireSecretaryOrChair(actor, meeting);
        if (text == null || text.length() > MAX_NARRATIVE) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "A narrative has up to " + MAX_NARRATIVE + " characters.");
        }
        if (agendaItem != null && meetings.agenda(meetingId).stream().noneMatch(i -> i.id() == agendaItem)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "No such agenda item in this meeting.");
        }
        meetings.locked(meetingId);
        if (approved(meeting) != null) {
            throw new QuorumException(QuorumError.MINUTES_LOCKED);
        }
        @SuppressWarnings("unchecked")
        List<Number> existing = em.createNativeQuery("SELECT id FROM minutes_narrative WHERE meeting_id = ?1 "
                        + "AND agenda_item_id IS NOT DISTINCT FROM CAST(?2 AS BIGINT)")
                .setParameter(1, meetingId)
                .setParameter(2, agendaItem)
                .getResultList();
        long id = existing.isEmpty()
                ? ((Number) em.createNativeQuery("SELECT nextval('minutes_narrative_id_seq')")
                                .getSingleResult())
                        .longValue()
                : existing.get(0).longValue();
        String stored = confidential(meetingId)
                ? sealing.sealText(meeting.organizationId(), SealedPlaces.minutesNarrative(id), text)
                : text;
        if (existing.isEmpty()) {
            em.createNativeQuery("INSERT INTO minutes_narrative (id, meeting_id, agenda_item_id, text, written_by) "
                            + "VALUES (?1, ?2, CAST(?3 AS BIGINT), ?4, ?5)")
                    .setParameter(1, id)
                    .setParameter(2, meetingId)
                    .setParameter(3, agendaItem)
                    .setParameter(4, stored)
                    .setParameter(5, actor.memberId())
                    .executeUpdate();
        } else {
            em.createNativeQuery("UPDATE minutes_narrative SET text = ?1, written_by = ?2, written_at = now() "
                            + "WHERE id = ?3")
                    .setParameter(1, stored)
                    .setParameter(2, actor.memberId())
                    .setParameter(3, id)
                    .executeUpdate();
        }
        events.fire(new MinutesNarrativeWritten(Origin.of(actor, source), meetingId, agendaItem, text.length()));
        return view(actor, meeting);
    }

    /** Approves the minutes of an adjourned meeting: the text as it stands becomes the locked document of record. */
    public MinutesView approve(MemberIdentity actor, long meetingId, String source) {
        MeetingRef visible = meetings.meeting(actor, meetingId);
        requireSecretaryOrChair(actor, visible);
        meetings.locked(meetingId);
        MeetingRef meeting = meetings.byId(meetingId, false);
        if (approved(meeting) != null) {
            throw new QuorumException(QuorumError.MINUTES_LOCKED);
        }
        if (!meeting.isAdjourned()) {
            throw new QuorumException(
                    QuorumError.MEETING_STATE, "The minutes are approved once the meeting has been adjourned.");
        }
        Instant now = Instant.now();
        String markdown = MinutesMarkdown.render(record(meeting, new Approval(actor.displayName(), now)));
        em.createNativeQuery("INSERT INTO meeting_minutes (meeting_id, markdown, approved_by, approved_at) "
                        + "VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, meetingId)
                .setParameter(
                        2,
                        confidential(meetingId)
                                ? sealing.sealText(
                                        meeting.organizationId(), SealedPlaces.approvedMinutes(meetingId), markdown)
                                : markdown)
                .setParameter(3, actor.memberId())
                .setParameter(4, java.sql.Timestamp.from(now))
                .executeUpdate();
        events.fire(new MinutesApproved(Origin.of(actor, source), meetingId, sha256(markdown)));
        return view(actor, meeting);
    }

    // ---- assembling ----------------------------------------------------------------------------------------

    private MinutesView view(MemberIdentity actor, MeetingRef meeting) {
        Object[] approved = approved(meeting);
        boolean organizer = actor.hasRole("secretary") || actor.subject().equals(meeting.chair());
        Map<Long, String> narratives = narratives(meeting);
        List<Narrative> editable = new ArrayList<>();
        editable.add(new Narrative(null, "Opening", narratives.getOrDefault(0L, "")));
        for (AgendaItem item : meetings.agenda(meeting.id())) {
            editable.add(new Narrative(item.id(), item.title(), narratives.getOrDefault(item.id(), "")));
        }
        String markdown = approved != null ? (String) approved[0] : MinutesMarkdown.render(record(meeting, null));
        return new MinutesView(
                meeting.id(),
                approved == null ? "draft" : "approved",
                approved == null ? null : (String) approved[1],
                approved == null ? null : Columns.instant(approved[2]),
                organizer && approved == null,
                organizer && approved == null && meeting.isAdjourned(),
                editable,
                markdown,
                DocumentRendering.html(markdown));
    }

    private MinutesRecord record(MeetingRef meeting, Approval approval) {
        Map<Long, String> narratives = narratives(meeting);
        List<Motion> motions = motions(meeting.id());
        List<Item> items = new ArrayList<>();
        for (AgendaItem item : meetings.agenda(meeting.id())) {
            items.add(new Item(
                    item,
                    narratives.get(item.id()),
                    motions.stream()
                            .filter(m ->
                                    Long.valueOf(item.id()).equals(m.motion().agendaItem()))
                            .toList()));
        }
        return new MinutesRecord(
                meeting,
                attendance(meeting),
                quorumChanges(meeting.id()),
                narratives.get(0L),
                items,
                motions.stream().filter(m -> m.motion().agendaItem() == null).toList(),
                approval);
    }

    /** Each participant's arrivals and departures, from the audit trail's check-ins and check-outs. */
    private List<Attendee> attendance(MeetingRef meeting) {
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("SELECT actor, action, occurred_at FROM audit_event "
                        + "WHERE organization_id = ?1 AND target = ?2 AND action IN ('meeting.checkin', "
                        + "'meeting.checkout') ORDER BY id")
                .setParameter(1, meeting.organizationId())
                .setParameter(2, "meeting:" + meeting.id())
                .getResultList();
        Map<String, List<Presence>> spans = new HashMap<>();
        for (Object[] event : events) {
            List<Presence> presence = spans.computeIfAbsent((String) event[0], member -> new ArrayList<>());
            boolean open =
                    !presence.isEmpty() && presence.get(presence.size() - 1).left() == null;
            Instant at = Columns.instant(event[2]);
            if ("meeting.checkin".equals(event[1]) && !open) {
                presence.add(new Presence(at, null));
            } else if ("meeting.checkout".equals(event[1]) && open) {
                presence.set(
                        presence.size() - 1,
                        new Presence(presence.get(presence.size() - 1).arrived(), at));
            }
        }
        List<Attendee> attendees = new ArrayList<>();
        for (Participant participant : meetings.participants(meeting.id())) {
            List<Presence> presence = spans.getOrDefault(participant.id(), List.of()).stream()
                    .map(span -> span.left() == null && meeting.endedAt() != null
                            ? new Presence(span.arrived(), meeting.endedAt())
                            : span)
                    .toList();
            attendees.add(new Attendee(participant.id(), participant.displayName(), participant.weight(), presence));
        }
        return attendees;
    }

    private List<QuorumChange> quorumChanges(long meetingId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT changed_at, met, present, required, unit "
                        + "FROM meeting_quorum_change WHERE meeting_id = ?1 ORDER BY id")
                .setParameter(1, meetingId)
                .getResultList();
        return rows.stream()
                .map(row -> new QuorumChange(
                        Columns.instant(row[0]), (Boolean) row[1], (BigDecimal) row[2], (BigDecimal) row[3], (String)
                                row[4]))
                .toList();
    }

    private List<Motion> motions(long meetingId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, d.text FROM motion m LEFT JOIN decision_minute d "
                        + "ON d.motion_id = m.id WHERE m.meeting_id = ?1 ORDER BY m.id")
                .setParameter(1, meetingId)
                .getResultList();
        return rows.stream()
                .map(row -> new Motion(queries.view(((Number) row[0]).longValue()), (String) row[1]))
                .toList();
    }

    /** The narratives by agenda item (0: the opening), opened when sealed. */
    private Map<Long, String> narratives(MeetingRef meeting) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, agenda_item_id, text FROM minutes_narrative " + "WHERE meeting_id = ?1")
                .setParameter(1, meeting.id())
                .getResultList();
        Map<Long, String> narratives = new LinkedHashMap<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            narratives.put(
                    row[1] == null ? 0L : ((Number) row[1]).longValue(),
                    sealing.openText(meeting.organizationId(), SealedPlaces.minutesNarrative(id), (String) row[2]));
        }
        return narratives;
    }

    /** The approved minutes (markdown opened, approver's name, time), or null while they are a draft. */
    private Object[] approved(MeetingRef meeting) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.markdown, m.display_name, a.approved_at "
                        + "FROM meeting_minutes a JOIN member m ON m.id = a.approved_by WHERE a.meeting_id = ?1")
                .setParameter(1, meeting.id())
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        row[0] =
                sealing.openText(meeting.organizationId(), SealedPlaces.approvedMinutes(meeting.id()), (String) row[0]);
        return row;
    }

    private boolean confidential(long meetingId) {
        return (Boolean) em.createNativeQuery(
                        "SELECT r.confidential FROM meeting m JOIN room r ON r.id = m.room_id WHERE m.id = ?1")
                .setParameter(1, meetingId)
                .getSingleResult();
    }

    private static void requireSecretaryOrChair(MemberIdentity actor, MeetingRef meeting) {
        if (!actor.hasRole("secretary") && !actor.subject().equals(meeting.chair())) {
            throw new QuorumException(
                    QuorumError.FORBIDDEN, "Only a secretary or the meeting's chair writes and approves its minutes.");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
