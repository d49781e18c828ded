package dev.quorum.meeting.control;

import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.OutboundMessages;
import dev.quorum.delivery.control.OutboundMessages.Envelope;
import dev.quorum.meeting.control.Meetings.Attendance;
import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.meeting.control.Motions.Closed;
import dev.quorum.meeting.control.Motions.VoteResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live meeting flow over the WebSocket protocol: attendance, motions, votes, receipts. Each takes its
 * decoded {@link MeetingCommand} and makes one call on {@link MeetingFlow}, which decides, audits and
 * announces in one transaction; this class only answers the sender.
 */
@ApplicationScoped
public class MeetingCommands {

    @Inject
    MeetingFlow flow;

    @Inject
    Ballots ballots;

    @Inject
    MeetingStates states;

    public void state(LiveConnection connection, String replyTo, MeetingCommand.State command) {
        answer(connection, replyTo, "meeting.state", states.state(connection.identity(), command.meeting()));
    }

    public void attend(LiveConnection connection, String replyTo, MeetingCommand.Attend command, String source) {
        Attendance attendance = flow.attend(connection.identity(), command.meeting(), command.present(), source);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("meeting", attendance.meeting().id());
        answer.put("present", command.present());
        answer.put("quorum", attendance.quorum());
        answer(connection, replyTo, "meeting.attended", answer);
    }

    public void start(LiveConnection connection, String replyTo, MeetingCommand.Session command, String source) {
        answer(connection, replyTo, "meeting", flow.start(connection.identity(), command.meeting(), source));
    }

    public void adjourn(LiveConnection connection, String replyTo, MeetingCommand.Session command, String source) {
        answer(
                connection,
                replyTo,
                "meeting",
                flow.adjourn(connection.identity(), command.meeting(), source).meeting());
    }

    public void closeAgendaItem(
            LiveConnection connection, String replyTo, MeetingCommand.CloseAgendaItem command, String source) {
        answer(
                connection,
                replyTo,
                "meeting.agenda_item",
                flow.closeAgendaItem(connection.identity(), command.item(), source)
                        .item());
    }

    /** {@code step} is withdraw, table or resume. */
    public void setAside(
            LiveConnection connection, String replyTo, MeetingCommand.SetAside command, String step, String source) {
        answer(
                connection,
                replyTo,
                "motion",
                flow.setAside(connection.identity(), command.motion(), step, source)
                        .motion());
    }

    public void extend(LiveConnection connection, String replyTo, MeetingCommand.Extend command, String source) {
        answer(
                connection,
                replyTo,
                "motion",
                flow.extend(connection.identity(), command.motion(), command.seconds(), source)
                        .motion());
    }

    public void propose(LiveConnection connection, String replyTo, MeetingCommand.Propose command, String source) {
        Changed changed = flow.propose(connection.identity(), command.meeting(), command.motion(), source);
        answer(connection, replyTo, "motion", changed.motion());
    }

    public void second(LiveConnection connection, String replyTo, MeetingCommand.Second command, String source) {
        answer(
                connection,
                replyTo,
                "motion",
                flow.second(connection.identity(), command.motion(), source).motion());
    }

    public void open(LiveConnection connection, String replyTo, MeetingCommand.Open command, String source) {
        answer(
                connection,
                replyTo,
                "motion",
                flow.open(connection.identity(), command.motion(), source).motion());
    }

    public void close(LiveConnection connection, String replyTo, MeetingCommand.Close command, String source) {
        Closed closed = flow.close(connection.identity(), command.motion(), source);
        answer(connection, replyTo, "motion", closed.motion());
    }

    public void vote(LiveConnection connection, String replyTo, MeetingCommand.Vote command, String source) {
        VoteResult vote =
                flow.vote(connection.identity(), command.motion(), command.choice(), command.onBehalfOf(), source);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("motion", command.motion());
        answer.put("voter", vote.voter());
        answer.put("choice", command.choice());
        answer.put("via", vote.via());
        answer.put("tallyVersion", vote.tally().version());
        answer.put("castAt", vote.castAt());
        if (vote.changedFrom() != null) {
            answer.put("changedFrom", vote.changedFrom()); // the voter's own earlier choice, secret or not
        }
        if (vote.receipt() != null) {
            answer.put("receipt", vote.receipt());
        }
        answer(connection, replyTo, "vote.recorded", answer);
    }

    public void verify(LiveConnection connection, String replyTo, MeetingCommand.VerifyVote command) {
        String choice = ballots.verifyReceipt(connection.identity(), command.motion(), command.receipt());
        answer(
                connection,
                replyTo,
                "vote.verified",
                Map.of("motion", command.motion(), "counted", true, "choice", choice));
    }

    /** Answers with the same encoding as every other answer of the protocol (JSON-B of the records). */
    private static void answer(LiveConnection connection, String replyTo, String type, Object data) {
        connection.sendControl(OutboundMessages.encode(new Envelope(type, replyTo, data)));
    }
}
