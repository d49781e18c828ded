package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.MeetingSessions.Adjourned;
import dev.quorum.meeting.control.MeetingSessions.ItemClosed;
import dev.quorum.meeting.control.Meetings.Attendance;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Meetings.NewMeeting;
import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.meeting.control.Motions.Closed;
import dev.quorum.meeting.control.Motions.NewMotion;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.meeting.control.Proxies.ProxyView;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Every change of a meeting, as one business call and one transaction: the decision (under the motion's
 * or meeting's row lock), then the domain events. Observers in the same transaction write the audit record
 * ({@code AuditTrail}) and the room's announcement ({@link MeetingAnnouncements}); delivery to sockets and
 * other nodes observes the committed messages only. Compliance, AI analysis and integrators observe these
 * same events next.
 */
@Stateless
@DatabaseGuarded
public class MeetingFlow {

    @Inject
    Meetings meetings;

    @Inject
    Motions motions;

    @Inject
    Proxies proxies;

    @Inject
    MeetingSessions sessions;

    @Inject
    Ballots ballots;

    @Inject
    Event<Object> events;

    public MeetingRef schedule(MemberIdentity actor, NewMeeting request, String source) {
        MeetingRef meeting = meetings.create(actor, request);
        events.fire(new MeetingScheduled(Origin.of(actor, source), meeting));
        return meeting;
    }

    public MeetingRef start(MemberIdentity actor, long meetingId, String source) {
        MeetingRef started = sessions.start(actor, meetingId);
        events.fire(new MeetingStarted(Origin.of(actor, source), started));
        return started;
    }

    public Adjourned adjourn(MemberIdentity actor, long meetingId, String source) {
        Adjourned adjourned = sessions.adjourn(actor, meetingId);
        events.fire(new MeetingAdjourned(
                Origin.of(actor, source), adjourned.meeting(), adjourned.lapsed(), adjourned.closedItems()));
        return adjourned;
    }

    public ItemClosed closeAgendaItem(MemberIdentity actor, long itemId, String source) {
        ItemClosed closed = sessions.closeAgendaItem(actor, itemId);
        events.fire(new AgendaItemClosed(Origin.of(actor, source), closed.meeting(), closed.item()));
        return closed;
    }

    public Attendance attend(MemberIdentity actor, long meetingId, boolean present, String source) {
        Attendance attendance = meetings.attend(actor, meetingId, present);
        Origin origin = Origin.of(actor, source);
        events.fire(new AttendanceChanged(origin, attendance, present));
        events.fire(new QuorumChanged(origin, attendance.meeting(), attendance.quorum(), attendance.quorumLost()));
        return attendance;
    }

    public Changed propose(MemberIdentity actor, long meetingId, NewMotion motion, String source) {
        Changed changed = motions.propose(actor, meetingId, motion);
        events.fire(new MotionProposed(Origin.of(actor, source), changed));
        return changed;
    }

    public Changed second(MemberIdentity actor, long motionId, String source) {
        Changed changed = motions.second(actor, motionId);
        events.fire(new MotionSeconded(Origin.of(actor, source), changed));
        return changed;
    }

    public Changed open(MemberIdentity actor, long motionId, String source) {
        Changed changed = motions.open(actor, motionId);
        events.fire(new MotionOpened(Origin.of(actor, source), changed));
        return changed;
    }

    /** {@code withdraw}, {@code table} or {@code resume} a motion whose vote has not opened. */
    public Changed setAside(MemberIdentity actor, long motionId, String step, String source) {
        Changed changed =
                switch (step) {
                    case "withdraw" -> motions.withdraw(actor, motionId);
                    case "table" -> motions.table(actor, motionId);
                    case "resume" -> motions.resume(actor, motionId);
                    default -> throw new IllegalArgumentException(step);
                };
        events.fire(new MotionSetAside(Origin.of(actor, source), changed, step));
        return changed;
    }

    public Changed extend(MemberIdentity actor, long motionId, int seconds, String source) {
        Changed changed = motions.extend(actor, motionId, seconds);
        events.fire(new MotionExtended(Origin.of(actor, source), changed, seconds));
        return changed;
    }

    public Closed close(MemberIdentity actor, long motionId, String source) {
        Closed closed = motions.close(actor, motionId);
        events.fire(new MotionClosed(Origin.of(actor, source), closed, false));
        return closed;
    }

    /**
     * Closes the motion if it is still open and overdue and no other node is closing it; null otherwise.
     * Always a transaction of its own, whatever the caller's: a failing close rolls back alone.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Closed closeAtDeadline(long motionId) {
        Closed closed = motions.closeOverdue(motionId);
        if (closed != null) {
            events.fire(
                    new MotionClosed(Origin.quorum(closed.meeting().organizationId(), "deadline timer"), closed, true));
        }
        return closed;
    }

    public VoteResult vote(MemberIdentity actor, long motionId, String choice, String onBehalfOf, String source) {
        VoteResult vote = ballots.vote(actor, motionId, choice, onBehalfOf);
        events.fire(new VoteRecorded(Origin.of(actor, source), vote));
        return vote;
    }

    /** A proxy of a member meeting; a meeting-wide proxy whose holder is present counts for quorum. */
    public ProxyView grantProxy(
            MemberIdentity actor, long meetingId, String holder, Long motionId, String choice, String source) {
        ProxyView granted = proxies.grant(actor, meetingId, holder, motionId, choice);
        Origin origin = Origin.of(actor, source);
        events.fire(new ProxyChanged(origin, granted, true));
        requorum(actor, meetingId, origin);
        return granted;
    }

    public ProxyView revokeProxy(MemberIdentity actor, long meetingId, long proxyId, String source) {
        ProxyView revoked = proxies.revoke(actor, meetingId, proxyId);
        Origin origin = Origin.of(actor, source);
        events.fire(new ProxyChanged(origin, revoked, false));
        requorum(actor, meetingId, origin);
        return revoked;
    }

    private void requorum(MemberIdentity actor, long meetingId, Origin origin) {
        Attendance quorum = meetings.requorum(actor, meetingId);
        events.fire(new QuorumChanged(origin, quorum.meeting(), quorum.quorum(), quorum.quorumLost()));
    }
}
