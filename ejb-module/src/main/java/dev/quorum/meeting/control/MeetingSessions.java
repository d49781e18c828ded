package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.AgendaItem;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.meeting.entity.Meeting;
import dev.quorum.meeting.entity.MeetingStatus;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The meeting's life as its chair drives it: scheduled → in session (started) → adjourned (ended), and the
 * agenda items closed one after another. Each step takes the meeting's row lock, as attendance does, so a
 * start, an adjournment and a check-in never cross.
 */
@Stateless
@DatabaseGuarded
public class MeetingSessions {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @EJB
    Motions motions;

    public record Adjourned(MeetingRef meeting, List<MotionView> lapsed, List<AgendaItem> closedItems) {}

    public record ItemClosed(MeetingRef meeting, AgendaItem item) {}

    public MeetingRef start(MemberIdentity actor, long meetingId) {
        Meeting meeting = lockedForTheChair(actor, meetingId);
        if (meeting.getStatus() != MeetingStatus.SCHEDULED) {
            throw new QuorumException(
                    QuorumError.MEETING_STATE,
                    meeting.getStatus() == MeetingStatus.IN_SESSION
                            ? "The meeting is already in session."
                            : "The meeting has been adjourned.");
        }
        meeting.start(Instant.now());
        return meetings.ref(meeting);
    }

    /** Adjourns: refused while a vote is open; pending motions lapse and open agenda items close with it. */
    public Adjourned adjourn(MemberIdentity actor, long meetingId) {
        Meeting meeting = lockedForTheChair(actor, meetingId);
        if (meeting.getStatus() != MeetingStatus.IN_SESSION) {
            throw new QuorumException(
                    QuorumError.MEETING_STATE,
                    meeting.getStatus() == MeetingStatus.SCHEDULED
                            ? "The meeting has not started."
                            : "The meeting has already been adjourned.");
        }
        List<MotionView> lapsed = motions.lapseAtAdjournment(meetings.ref(meeting));
        Instant now = Instant.now();
        List<dev.quorum.meeting.entity.AgendaItem> open = em.createQuery(
                        "SELECT a FROM AgendaItem a WHERE a.meeting.id = :meeting AND a.closedAt IS NULL "
                                + "ORDER BY a.position",
                        dev.quorum.meeting.entity.AgendaItem.class)
                .setParameter("meeting", meetingId)
                .getResultList();
        open.forEach(item -> item.close(now));
        meeting.adjourn(now);
        return new Adjourned(
                meetings.ref(meeting), lapsed, open.stream().map(Meetings::item).toList());
    }

    /** The chair closes an agenda item while the meeting is in session; closing one twice is refused. */
    public ItemClosed closeAgendaItem(MemberIdentity actor, long itemId) {
        dev.quorum.meeting.entity.AgendaItem item = em.find(dev.quorum.meeting.entity.AgendaItem.class, itemId);
        if (item == null || item.getMeeting().getOrganizationId() != actor.organizationId()) {
            throw new QuorumException(QuorumError.MEETING_NOT_FOUND, "No such agenda item in your organization.");
        }
        Meeting meeting = lockedForTheChair(actor, item.getMeeting().getId());
        if (meeting.getStatus() != MeetingStatus.IN_SESSION) {
            throw new QuorumException(
                    QuorumError.MEETING_STATE, "Agenda items are closed while the meeting is in session.");
        }
        em.refresh(item);
        if (item.getClosedAt() != null) {
            throw new QuorumException(
                    QuorumError.MEETING_STATE, "The agenda item '" + item.getTitle() + "' is already closed.");
        }
        item.close(Instant.now());
        return new ItemClosed(meetings.ref(meeting), Meetings.item(item));
    }

    private Meeting lockedForTheChair(MemberIdentity actor, long meetingId) {
        meetings.meeting(actor, meetingId); // unknown unless the actor may see it
        meetings.requireChair(actor, meetingId);
        return meetings.locked(meetingId);
    }
}
