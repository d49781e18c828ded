package dev.quorum.meeting.boundary;

import dev.quorum.audit.control.AuditLog;
import dev.quorum.connection.boundary.InboundEnvelope;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.Attendance;
import dev.quorum.meeting.control.Motions;
import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.meeting.control.Motions.Closed;
import dev.quorum.meeting.control.Motions.NewMotion;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.boundary.LiveConnection;
import dev.quorum.routing.boundary.MessageFrames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live meeting flow over the WebSocket protocol: attendance, motions, votes, receipts. Each command
 * validates its fields, lets the control layer decide (and lock), audits the change with the connection
 * it came from, answers the sender and publishes the event to the meeting's room.
 */
@ApplicationScoped
public class MeetingCommands {

    @Inject
    Meetings meetings;

    @Inject
    Motions motions;

    @Inject
    MeetingEvents events;

    @Inject
    MeetingStates states;

    @Inject
    AuditLog audit;

    public void handle(LiveConnection connection, InboundEnvelope envelope, String remoteAddress) {
        MemberIdentity actor = connection.identity();
        JsonObject data = envelope.data();
        String source = remoteAddress + " connection:" + connection.id();
        switch (envelope.type()) {
            case "meeting.state" ->
                answer(connection, envelope, "meeting.state", states.state(actor, id(data, "meeting")));
            case "meeting.checkin", "meeting.checkout" -> {
                boolean present = envelope.type().equals("meeting.checkin");
                Attendance attendance = meetings.attend(actor, id(data, "meeting"), present);
                audit(
                        actor,
                        present ? "meeting.checkin" : "meeting.checkout",
                        "meeting:" + attendance.meeting().id(),
                        Map.of(),
                        source);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("meeting", attendance.meeting().id());
                answer.put("present", present);
                answer.put("quorum", attendance.quorum());
                answer(connection, envelope, "meeting.attended", answer);
                events.attendance(attendance, actor);
            }
            case "motion.propose" -> {
                Changed changed = motions.propose(actor, id(data, "meeting"), newMotion(data));
                audit(
                        actor,
                        "motion.propose",
                        "motion:" + changed.motion().id(),
                        Map.of("title", changed.motion().title()),
                        source);
                answer(connection, envelope, "motion", changed.motion());
                events.motionChanged(changed, actor);
            }
            case "motion.second", "motion.open" -> {
                long motion = id(data, "motion");
                Changed changed = envelope.type().equals("motion.second")
                        ? motions.second(actor, motion)
                        : motions.open(actor, motion);
                audit(actor, envelope.type(), "motion:" + motion, Map.of(), source);
                answer(connection, envelope, "motion", changed.motion());
                events.motionChanged(changed, actor);
            }
            case "motion.close" -> {
                Closed closed = motions.close(actor, id(data, "motion"));
                audit(
                        actor,
                        "motion.close",
                        "motion:" + closed.motion().id(),
                        Map.of("outcome", closed.motion().outcome()),
                        source);
                answer(connection, envelope, "motion", closed.motion());
                events.closed(closed, actor.memberId());
            }
            case "vote" -> vote(connection, envelope, actor, data, source);
            case "vote.verify" -> {
                String receipt = text(data, "receipt", 64, true);
                String choice = motions.verifyReceipt(actor, id(data, "motion"), receipt);
                answer(
                        connection,
                        envelope,
                        "vote.verified",
                        Map.of("motion", id(data, "motion"), "counted", true, "choice", choice));
            }
            default ->
                throw new QuorumException(QuorumError.UNKNOWN_TYPE, "Unknown message type '" + envelope.type() + "'.");
        }
    }

    private void vote(
            LiveConnection connection, InboundEnvelope envelope, MemberIdentity actor, JsonObject data, String source) {
        long motion = id(data, "motion");
        String choice = text(data, "choice", 200, true);
        String onBehalfOf = text(data, "onBehalfOf", 200, false);
        VoteResult vote = motions.vote(actor, motion, choice, onBehalfOf);
        // a secret ballot's choice never reaches the audit trail or any log: only its voter learns it
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("voter", vote.voter());
        detail.put("via", vote.via());
        if (!vote.motion().secret()) {
            detail.put("choice", choice);
        }
        audit(actor, "vote." + vote.via(), "motion:" + motion, detail, source);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("motion", motion);
        answer.put("voter", vote.voter());
        answer.put("choice", choice);
        answer.put("via", vote.via());
        answer.put("tallyVersion", vote.tally().version());
        if (vote.receipt() != null) {
            answer.put("receipt", vote.receipt());
        }
        answer(connection, envelope, "vote.recorded", answer);
        events.tally(vote, actor);
        if ("assisted".equals(vote.via())) {
            events.assistedVoteConfirmation(vote, actor, vote.voterId());
        }
    }

    private void audit(MemberIdentity actor, String action, String target, Map<String, Object> detail, String source) {
        audit.record(
                actor.organizationId(), actor.subject(), action, target, MeetingEvents.JSONB.toJson(detail), source);
    }

    private static void answer(LiveConnection connection, InboundEnvelope envelope, String type, Object data) {
        JsonObject body = Json.createReader(new StringReader(MeetingEvents.JSONB.toJson(data)))
                .readObject();
        connection.sendControl(MessageFrames.envelope(type, envelope.id(), Json.createObjectBuilder(body)));
    }

    static long id(JsonObject data, String field) {
        JsonValue value = data.get(field);
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() <= 0) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'" + field + "' must be a positive integer.");
        }
        return number.longValue();
    }

    static String text(JsonObject data, String field, int max, boolean required) {
        JsonValue value = data.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "'" + field + "' is required.");
            }
            return null;
        }
        if (!(value instanceof JsonString string)
                || string.getString().isBlank()
                || string.getString().length() > max) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "'" + field + "' must be a string of 1 to " + max + " characters.");
        }
        return string.getString();
    }

    private static NewMotion newMotion(JsonObject data) {
        List<String> options = null;
        JsonValue rawOptions = data.get("options");
        if (rawOptions instanceof JsonArray array) {
            if (!array.stream().allMatch(JsonString.class::isInstance)) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "'options' must be strings.");
            }
            options = array.getValuesAs(JsonString::getString);
        } else if (rawOptions != null && rawOptions != JsonValue.NULL) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'options' must be an array of strings.");
        }
        return new NewMotion(
                text(data, "title", 500, true),
                data.containsKey("body") ? text(data, "body", 10_000, false) : null,
                data.containsKey("agendaItem") ? id(data, "agendaItem") : null,
                options,
                text(data, "threshold", 20, false),
                flag(data, "abstentionsCount"),
                text(data, "ballot", 20, false),
                flag(data, "runningResults"),
                data.containsKey("votingSeconds")
                        ? (int) Math.min(Integer.MAX_VALUE, id(data, "votingSeconds"))
                        : null);
    }

    private static Boolean flag(JsonObject data, String field) {
        JsonValue value = data.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'" + field + "' must be true or false.");
        }
        return value == JsonValue.TRUE;
    }
}
