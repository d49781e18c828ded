package dev.quorum.meeting.control;

import dev.quorum.connection.control.InboundEnvelope;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.MessageFrames;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.Attendance;
import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.meeting.control.Motions.Closed;
import dev.quorum.meeting.control.Motions.NewMotion;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live meeting flow over the WebSocket protocol: attendance, motions, votes, receipts. Each command
 * validates its fields and makes one call on {@link MeetingFlow}, which decides, audits and announces in
 * one transaction; this class only answers the sender.
 */
@ApplicationScoped
public class MeetingCommands {

    static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    MeetingFlow flow;

    @Inject
    Motions motions;

    @Inject
    MeetingStates states;

    public void handle(LiveConnection connection, InboundEnvelope envelope, String remoteAddress) {
        MemberIdentity actor = connection.identity();
        JsonObject data = envelope.data();
        String source = remoteAddress + " connection:" + connection.id();
        switch (envelope.type()) {
            case "meeting.state" ->
                answer(connection, envelope, "meeting.state", states.state(actor, id(data, "meeting")));
            case "meeting.checkin", "meeting.checkout" -> {
                boolean present = envelope.type().equals("meeting.checkin");
                Attendance attendance = flow.attend(actor, id(data, "meeting"), present, source);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("meeting", attendance.meeting().id());
                answer.put("present", present);
                answer.put("quorum", attendance.quorum());
                answer(connection, envelope, "meeting.attended", answer);
            }
            case "motion.propose" -> {
                Changed changed = flow.propose(actor, id(data, "meeting"), newMotion(data), source);
                answer(connection, envelope, "motion", changed.motion());
            }
            case "motion.second" ->
                answer(
                        connection,
                        envelope,
                        "motion",
                        flow.second(actor, id(data, "motion"), source).motion());
            case "motion.open" ->
                answer(
                        connection,
                        envelope,
                        "motion",
                        flow.open(actor, id(data, "motion"), source).motion());
            case "motion.close" -> {
                Closed closed = flow.close(actor, id(data, "motion"), source);
                answer(connection, envelope, "motion", closed.motion());
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
        VoteResult vote = flow.vote(actor, motion, choice, onBehalfOf, source);
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
    }

    private static void answer(LiveConnection connection, InboundEnvelope envelope, String type, Object data) {
        JsonObject body =
                Json.createReader(new StringReader(JSONB.toJson(data))).readObject();
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
