package dev.quorum.routing.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The room messages of the protocol, one record each, decoded and validated at the edge. */
public sealed interface RoomCommand {

    int MAX_CLIENT_ID = 64;
    int MAX_MEMBER_ID = 200;
    int MAX_HISTORY = 200;
    int DEFAULT_HISTORY = 50;
    int MAX_CURSOR_CHARS = 1024;

    record Join(long room) implements RoomCommand {
        public static Join decode(Fields fields) {
            return new Join(fields.id("room"));
        }
    }

    record Leave(long room) implements RoomCommand {
        public static Leave decode(Fields fields) {
            return new Leave(fields.id("room"));
        }
    }

    record Resume(long room, long afterSequence) implements RoomCommand {
        public static Resume decode(Fields fields) {
            return new Resume(fields.id("room"), fields.count("afterSeq"));
        }
    }

    /** A chat message into a joined room; {@code payloadJson} is the sanitized {@code {"text": ...}}. */
    record Publish(long room, String clientId, Priority priority, String payloadJson) implements RoomCommand {
        public static Publish decode(Fields fields) {
            long room = fields.id("room");
            String clientId = fields.text("id", MAX_CLIENT_ID);
            Priority priority = priorityOf(fields);
            String type = fields.text("type", 64);
            if (!"chat".equals(type)) {
                throw new QuorumException(
                        QuorumError.UNKNOWN_MESSAGE_TYPE,
                        "Message type '" + type + "' cannot be published; known: chat.");
            }
            return new Publish(room, clientId, priority, chatPayload(fields.raw("data")));
        }
    }

    /** A chat message to one member of the organization, through the pair's direct room. */
    record Direct(String to, String clientId, Priority priority, String payloadJson) implements RoomCommand {
        public static Direct decode(Fields fields) {
            return new Direct(
                    fields.text("to", MAX_MEMBER_ID),
                    fields.text("id", MAX_CLIENT_ID),
                    priorityOf(fields),
                    chatPayload(fields.raw("data")));
        }
    }

    /** A page of history before a sequence (newest when absent). */
    record History(long room, long beforeSequence, int limit) implements RoomCommand {
        public static History decode(Fields fields) {
            long room = fields.id("room");
            Long before = fields.optionalCount("beforeSeq");
            Long limit = fields.optionalCount("limit");
            if (limit != null && (limit < 1 || limit > MAX_HISTORY)) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE, "'limit' must be between 1 and " + MAX_HISTORY + ".");
            }
            return new History(
                    room, before == null ? Long.MAX_VALUE : before, limit == null ? DEFAULT_HISTORY : limit.intValue());
        }
    }

    record PresenceQuery(long room) implements RoomCommand {
        public static PresenceQuery decode(Fields fields) {
            return new PresenceQuery(fields.id("room"));
        }
    }

    record Typing(long room) implements RoomCommand {
        public static Typing decode(Fields fields) {
            return new Typing(fields.id("room"));
        }
    }

    record Cursor(long room, JsonObject position) implements RoomCommand {
        public static Cursor decode(Fields fields) {
            return new Cursor(fields.id("room"), fields.object("position", MAX_CURSOR_CHARS));
        }
    }

    record Status(String status) implements RoomCommand {
        public static Status decode(Fields fields) {
            String status = fields.text("status", 16);
            if (!status.equals("online") && !status.equals("away")) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "'status' must be online or away.");
            }
            return new Status(status);
        }
    }

    private static Priority priorityOf(Fields fields) {
        String name = fields.optionalText("priority", 16);
        if (name == null) {
            return Priority.NORMAL;
        }
        return Priority.fromWire(name)
                .orElseThrow(() -> new QuorumException(
                        QuorumError.INVALID_MESSAGE, "'priority' must be critical, high, normal or low."));
    }

    /** The chat payload: data.text, sanitized, 1 to {@link ChatText#MAX_LENGTH} characters. */
    static String chatPayload(JsonValue value) {
        if (!(value instanceof JsonObject chat) || !(chat.get("text") instanceof JsonString text)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A chat message needs data.text, a string.");
        }
        if (text.getString().isBlank() || text.getString().length() > ChatText.MAX_LENGTH) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "data.text must have 1 to " + ChatText.MAX_LENGTH + " characters.");
        }
        String clean = ChatText.sanitize(Fields.clean("data.text", text.getString()));
        if (clean.isBlank()) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "data.text has no content left after sanitizing.");
        }
        return JSON.createObjectBuilder().add("text", clean).build().toString();
    }
}
