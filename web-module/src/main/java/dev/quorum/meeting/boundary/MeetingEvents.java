package dev.quorum.meeting.boundary;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.Attendance;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.meeting.control.Motions.Closed;
import dev.quorum.meeting.control.Motions.Tally;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.meeting.control.QuorumRule;
import dev.quorum.room.control.RoomAccess;
import dev.quorum.routing.boundary.RoomFanout;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.PublishResult;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The meeting's live events, as messages of its room: sequenced and persisted like chat, so a client that
 * reconnects resumes them without loss, and a tally is never overtaken unseen (each carries its version).
 */
@ApplicationScoped
public class MeetingEvents {

    static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    MessageLog log;

    @Inject
    RoomFanout fanout;

    @Inject
    RoomAccess rooms;

    @Resource
    ManagedScheduledExecutorService scheduler;

    static final long TALLY_WINDOW_MILLIS = 100;

    private static final Logger LOG = Logger.getLogger(MeetingEvents.class.getName());

    /** Per motion, the newest tally not yet published. */
    private final ConcurrentHashMap<Long, PendingTally> pendingTallies = new ConcurrentHashMap<>();

    public void attendance(Attendance attendance, MemberIdentity actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", attendance.meeting().id());
        data.put("member", attendance.participant());
        publish(attendance.meeting(), actor.memberId(), Priority.NORMAL, "meeting.attendance", data);
        quorum(attendance.meeting(), attendance.quorum(), attendance.quorumLost(), actor.memberId());
    }

    /** The quorum now; a loss is critical: the chair must know at once that decisions are no longer valid. */
    public void quorum(MeetingRef meeting, QuorumRule.Status quorum, boolean lost, long senderId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", meeting.id());
        data.put("quorum", quorum);
        data.put("lost", lost);
        publish(meeting, senderId, lost ? Priority.CRITICAL : Priority.HIGH, "meeting.quorum", data);
    }

    public void motionChanged(Changed changed, MemberIdentity actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("motion", changed.motion());
        data.put("tally", changed.tally());
        publish(changed.meeting(), actor.memberId(), Priority.HIGH, "motion.changed", data);
    }

    /**
     * After every vote. Votes that land within {@link #TALLY_WINDOW_MILLIS} of each other on this node share
     * one tally message (the newest): 200 voters voting at once make a few tallies, not 200 of them for each
     * of 200 screens. A secret ballot's tally says only how many have voted.
     */
    public void tally(VoteResult vote, MemberIdentity actor) {
        Tally tally = vote.tally();
        Tally shown = vote.motion().secret()
                ? new Tally(tally.motion(), tally.version(), tally.votesCast(), tally.eligible(), null)
                : tally;
        PendingTally fresh = new PendingTally(vote.meeting(), actor.memberId(), shown);
        boolean[] windowStarts = {false};
        pendingTallies.compute(tally.motion(), (motion, old) -> {
            windowStarts[0] = old == null;
            return old == null || fresh.tally().version() > old.tally().version() ? fresh : old;
        });
        if (windowStarts[0]) {
            scheduler.schedule(() -> flushTally(tally.motion()), TALLY_WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void flushTally(long motion) {
        PendingTally pending = pendingTallies.remove(motion);
        if (pending == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("motion", motion);
        data.put("tally", pending.tally());
        try {
            publish(pending.meeting(), pending.senderId(), Priority.HIGH, "motion.tally", data);
        } catch (RuntimeException e) {
            // the next vote or the close publishes a newer tally; the votes themselves are stored
            LOG.log(Level.WARNING, "Publishing the tally of motion " + motion + " failed", e);
        }
    }

    private record PendingTally(MeetingRef meeting, long senderId, Tally tally) {}

    public void closed(Closed closed, long senderId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("motion", closed.motion());
        data.put("tally", closed.tally());
        data.put("quorum", closed.quorum());
        data.put("minute", closed.minute());
        publish(closed.meeting(), senderId, Priority.HIGH, "motion.closed", data);
    }

    /** The director for whom the secretary entered a vote hears of it on every device, as a direct message. */
    public void assistedVoteConfirmation(VoteResult vote, MemberIdentity secretary, long directorId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", vote.meeting().id());
        data.put("motion", vote.motion().id());
        data.put("title", vote.motion().title());
        data.put("choice", vote.choice());
        data.put("enteredBy", secretary.subject());
        long room = rooms.directRoom(secretary, directorId, vote.voter());
        PublishResult result = log.append(
                room,
                secretary.memberId(),
                UUID.randomUUID().toString(),
                Priority.HIGH,
                "vote.assisted",
                JSONB.toJson(data));
        fanout.deliverDirect(
                result.message(),
                secretary.organizationId(),
                Set.of(secretary.subject(), vote.voter()),
                System.nanoTime());
    }

    private void publish(MeetingRef meeting, long senderId, Priority priority, String type, Object data) {
        PublishResult result =
                log.append(meeting.room(), senderId, UUID.randomUUID().toString(), priority, type, JSONB.toJson(data));
        fanout.deliver(result.message(), System.nanoTime());
    }
}
