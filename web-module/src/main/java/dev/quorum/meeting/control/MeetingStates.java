package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.AgendaItem;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Meetings.Participant;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.meeting.control.Motions.RollCall;
import dev.quorum.meeting.control.Motions.Tally;
import dev.quorum.meeting.control.Proxies.ProxyView;
import dev.quorum.meeting.entity.QuorumRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** A meeting as one member may see it: agenda, attendance, quorum, motions with tallies, proxies. */
@ApplicationScoped
public class MeetingStates {

    @Inject
    Meetings meetings;

    @Inject
    MotionQueries queries;

    @Inject
    Tallies tallies;

    @Inject
    Proxies proxies;

    /**
     * A motion with its tally; the roll call of a named ballot once results may be seen; who has voted on a
     * named ballot (by name; a secret ballot shows counts only); whether the viewer may vote on it, and their
     * own choice on a named ballot.
     */
    public record MotionState(
            MotionView motion,
            Tally tally,
            List<RollCall> rollCall,
            List<Tallies.Voter> voters,
            boolean mayVote,
            String myChoice) {}

    public record MeetingState(
            MeetingRef meeting,
            List<AgendaItem> agenda,
            List<Participant> participants,
            QuorumRule.Status quorum,
            List<MotionState> motions,
            List<ProxyView> proxies) {}

    public MeetingState state(MemberIdentity viewer, long meetingId) {
        MeetingRef meeting = meetings.meeting(viewer, meetingId);
        List<MotionState> motionStates = queries.motions(viewer, meetingId).stream()
                .map(motion -> {
                    Tally tally = tallies.tally(motion);
                    boolean voting = "open".equals(motion.status()) || "closed".equals(motion.status());
                    return new MotionState(
                            motion,
                            tally,
                            tally.results() == null ? List.of() : tallies.rollCall(motion),
                            voting ? tallies.voters(motion) : List.of(),
                            "open".equals(motion.status()) && tallies.mayVote(motion.id(), viewer.memberId()),
                            voting && !motion.secret() ? tallies.choiceOf(motion.id(), viewer.memberId()) : null);
                })
                .toList();
        return new MeetingState(
                meeting,
                meetings.agenda(meetingId),
                meetings.participants(meetingId),
                meetings.quorum(meeting),
                motionStates,
                meeting.isMemberMeeting() ? proxies.list(viewer, meetingId) : List.of());
    }
}
