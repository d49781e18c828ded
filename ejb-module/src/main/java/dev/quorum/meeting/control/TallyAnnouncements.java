package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.meeting.control.Motions.Tally;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live tallies, after committed votes only. Votes that land within {@link #WINDOW_MILLIS} of each other on
 * this node share one tally message (the newest, each carries its version): 200 voters voting at once make
 * a few tallies, not 200 of them for each of 200 screens. The tally message is written in a transaction of
 * its own; the close's message carries the final tally whatever happens to these. A secret ballot's tally
 * says only how many have voted: a total that moves as one voter votes would reveal the choice.
 */
@ApplicationScoped
public class TallyAnnouncements {

    static final long WINDOW_MILLIS = 100;

    private static final Logger LOG = Logger.getLogger(TallyAnnouncements.class.getName());

    @Inject
    MessageLog log;

    @Inject
    Tallies tallies;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Per motion, the newest tally not yet published. */
    private final ConcurrentHashMap<Long, PendingTally> pending = new ConcurrentHashMap<>();

    void voted(@Observes(during = TransactionPhase.AFTER_SUCCESS) VoteRecorded recorded) {
        VoteResult vote = recorded.vote();
        Tally tally = vote.tally();
        Tally shown = vote.motion().secret()
                ? new Tally(tally.motion(), tally.version(), tally.votesCast(), tally.eligible(), null)
                : tally;
        PendingTally fresh = new PendingTally(
                vote.meeting(), vote.motion(), recorded.origin().actorMemberId(), shown);
        boolean[] windowStarts = {false};
        pending.compute(tally.motion(), (motion, old) -> {
            windowStarts[0] = old == null;
            return old == null || fresh.tally().version() > old.tally().version() ? fresh : old;
        });
        if (windowStarts[0]) {
            scheduler.schedule(() -> flush(tally.motion()), WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void flush(long motion) {
        PendingTally newest = pending.remove(motion);
        if (newest == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("motion", motion);
        data.put("tally", newest.tally());
        try {
            if (!newest.secret()) {
                // a named ballot says who has voted so far (not what), read once per window
                data.put(
                        "voted",
                        tallies.voters(newest.motion()).stream()
                                .filter(Tallies.Voter::voted)
                                .map(Tallies.Voter::member)
                                .toList());
            }
            log.append(
                    newest.meeting().room(),
                    newest.senderId(),
                    UUID.randomUUID().toString(),
                    Priority.HIGH,
                    "motion.tally",
                    MeetingJson.JSONB.toJson(data));
        } catch (RuntimeException e) {
            // the next vote or the close publishes a newer tally; the votes themselves are stored
            LOG.log(Level.WARNING, "Publishing the tally of motion " + motion + " failed: " + e);
        }
    }

    private record PendingTally(MeetingRef meeting, MotionView motion, long senderId, Tally tally) {
        boolean secret() {
            return motion.secret();
        }
    }
}
