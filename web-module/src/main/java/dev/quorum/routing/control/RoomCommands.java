package dev.quorum.routing.control;

import dev.quorum.connection.control.InboundEnvelope;
import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.MessageFrames;
import dev.quorum.delivery.control.RoutingMetrics;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.limits.control.Limits;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.presence.control.PresenceTracker;
import dev.quorum.room.control.RoomAccess;
import dev.quorum.room.control.RoomAccess.RoomView;
import dev.quorum.routing.control.MessageLog.Bounds;
import dev.quorum.routing.control.RoomPublishing.DirectChat;
import dev.quorum.routing.control.RoomPublishing.PublishChat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The room messages of the protocol: join, leave, publish, resume and history. Each validates its
 * fields, calls the service that owns the decision, and answers through the connection's queue.
 */
@ApplicationScoped
public class RoomCommands {

    static final int MAX_HISTORY = 200;
    static final int DEFAULT_HISTORY = 50;

    @Inject
    RoomAccess access;

    @Inject
    MessageLog log;

    @Inject
    RoomPublishing publishing;

    @Inject
    ConnectionRegistry registry;

    @Inject
    RoutingMetrics metrics;

    @Inject
    Limits limits;

    @Inject
    PresenceTracker presence;

    public void join(LiveConnection connection, InboundEnvelope envelope) {
        long room = roomOf(envelope.data());
        RoomView view = access.authorize(connection.identity(), room);
        enter(connection, room, view.lastSequence());
        connection.sendControl(MessageFrames.envelope(
                "joined",
                envelope.id(),
                Json.createObjectBuilder()
                        .add("room", room)
                        .add("name", view.name())
                        .add("kind", view.kind())
                        .add("lastSeq", view.lastSequence())));
        connection.catchUp(room, log.bounds(room).last());
    }

    public void resume(LiveConnection connection, InboundEnvelope envelope) {
        long room = roomOf(envelope.data());
        long after = nonNegative(envelope.data(), "afterSeq");
        access.authorize(connection.identity(), room);
        Bounds bounds = log.bounds(room);
        if (after > bounds.last()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "afterSeq is beyond the room's last sequence " + bounds.last() + ".");
        }
        boolean beyondRetention =
                after < bounds.last() && (bounds.oldestRetained() == 0 || after + 1 < bounds.oldestRetained());
        long from = beyondRetention ? bounds.last() : after;
        enter(connection, room, from);
        if (beyondRetention) {
            connection.sendControl(MessageFrames.envelope(
                    "reset",
                    envelope.id(),
                    Json.createObjectBuilder().add("room", room).add("lastSeq", bounds.last())));
        } else {
            connection.sendControl(MessageFrames.envelope(
                    "resumed",
                    envelope.id(),
                    Json.createObjectBuilder()
                            .add("room", room)
                            .add("afterSeq", after)
                            .add("lastSeq", bounds.last())));
        }
        connection.catchUp(room, log.bounds(room).last());
    }

    /**
     * Subscribes the connection to the room after the given sequence, then registers it and its presence.
     * Subscribing first and catching up after the answer means nothing committed meanwhile is missed;
     * presence comes before the answer, so a client that got "joined" finds itself in "presence".
     */
    private void enter(LiveConnection connection, long room, long afterSequence) {
        connection.subscribe(room, afterSequence, afterSequence);
        registry.join(connection, room);
        presence.arrived(connection, room);
    }

    public void leave(LiveConnection connection, InboundEnvelope envelope) {
        long room = roomOf(envelope.data());
        connection.unsubscribe(room);
        registry.leave(connection, room);
        presence.left(connection, room);
        connection.sendControl(MessageFrames.envelope(
                "left", envelope.id(), Json.createObjectBuilder().add("room", room)));
    }

    public void publish(LiveConnection connection, InboundEnvelope envelope, long receivedNanos) {
        JsonObject data = envelope.data();
        long room = roomOf(data);
        if (!connection.isSubscribed(room)) {
            throw new QuorumException(QuorumError.NOT_JOINED);
        }
        String clientId = requiredString(data, "id", 64);
        Priority priority = priorityOf(data);
        String type = requiredString(data, "type", 64);
        if (!"chat".equals(type)) {
            throw new QuorumException(
                    QuorumError.UNKNOWN_MESSAGE_TYPE, "Message type '" + type + "' cannot be published; known: chat.");
        }
        String payload = chatPayload(data.get("data"));
        requirePublishAllowed(connection.identity());
        metrics.received(type, priority);
        PublishResult result = publishing.publish(
                connection.identity(), new PublishChat(room, clientId, priority, payload, receivedNanos));
        if (result.duplicate()) {
            metrics.duplicateSuppressed();
        }
        acknowledge(connection, envelope, room, clientId, result);
    }

    /** A chat message to one member of the organization, through the pair's direct room. */
    public void direct(LiveConnection connection, InboundEnvelope envelope, long receivedNanos) {
        JsonObject data = envelope.data();
        String to = requiredString(data, "to", 200);
        String clientId = requiredString(data, "id", 64);
        Priority priority = priorityOf(data);
        String payload = chatPayload(data.get("data"));
        MemberIdentity from = connection.identity();
        if (to.equals(from.subject())) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A direct message goes to someone else.");
        }
        requirePublishAllowed(from);
        metrics.received("direct", priority);
        PublishResult result = publishing.direct(from, new DirectChat(to, clientId, priority, payload, receivedNanos));
        if (result.duplicate()) {
            metrics.duplicateSuppressed();
        }
        acknowledge(connection, envelope, result.message().room(), clientId, result);
    }

    public void history(LiveConnection connection, InboundEnvelope envelope) {
        JsonObject data = envelope.data();
        long room = roomOf(data);
        access.authorize(connection.identity(), room);
        long before = data.containsKey("beforeSeq") ? nonNegative(data, "beforeSeq") : Long.MAX_VALUE;
        int limit = data.containsKey("limit") ? (int) nonNegative(data, "limit") : DEFAULT_HISTORY;
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "limit must be between 1 and " + MAX_HISTORY + ".");
        }
        List<StoredMessage> page = log.before(room, before, limit + 1);
        boolean hasMore = page.size() > limit;
        List<StoredMessage> messages = hasMore ? page.subList(1, page.size()) : page;
        connection.sendControl(MessageFrames.history(room, messages, hasMore, envelope.id()));
    }

    public void presence(LiveConnection connection, InboundEnvelope envelope) {
        long room = roomOf(envelope.data());
        access.authorize(connection.identity(), room);
        connection.sendControl(presence.presenceFrame(room, envelope.id()));
    }

    public void typing(LiveConnection connection, InboundEnvelope envelope) {
        long room = roomOf(envelope.data());
        if (!connection.isSubscribed(room)) {
            throw new QuorumException(QuorumError.NOT_JOINED);
        }
        presence.typing(connection, room);
    }

    static final int MAX_CURSOR_CHARS = 1024;

    public void cursor(LiveConnection connection, InboundEnvelope envelope) {
        long room = roomOf(envelope.data());
        if (!connection.isSubscribed(room)) {
            throw new QuorumException(QuorumError.NOT_JOINED);
        }
        if (!(envelope.data().get("position") instanceof JsonObject position)
                || position.toString().length() > MAX_CURSOR_CHARS) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE,
                    "'position' must be an object of at most " + MAX_CURSOR_CHARS + " characters.");
        }
        presence.cursor(connection, room, position);
    }

    public void status(LiveConnection connection, InboundEnvelope envelope) {
        String status = requiredString(envelope.data(), "status", 16);
        if (!status.equals("online") && !status.equals("away")) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'status' must be online or away.");
        }
        presence.status(connection, status);
    }

    private void requirePublishAllowed(MemberIdentity member) {
        long wait = limits.publish(member.memberId());
        if (wait > 0) {
            throw new QuorumException(
                    QuorumError.RATE_LIMITED, "Publish limit reached: retry in " + wait + " ms.", wait);
        }
    }

    private static void acknowledge(
            LiveConnection connection, InboundEnvelope envelope, long room, String clientId, PublishResult result) {
        connection.sendControl(MessageFrames.envelope(
                "ack",
                envelope.id(),
                Json.createObjectBuilder()
                        .add("room", room)
                        .add("id", clientId)
                        .add("seq", result.message().sequence())
                        .add("duplicate", result.duplicate())));
    }

    static String chatPayload(JsonValue value) {
        if (!(value instanceof JsonObject chat) || !(chat.get("text") instanceof JsonString text)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A chat message needs data.text, a string.");
        }
        if (text.getString().isBlank() || text.getString().length() > ChatText.MAX_LENGTH) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "data.text must have 1 to " + ChatText.MAX_LENGTH + " characters.");
        }
        String clean = ChatText.sanitize(text.getString());
        if (clean.isBlank()) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "data.text has no content left after sanitizing.");
        }
        return Json.createObjectBuilder().add("text", clean).build().toString();
    }

    static long roomOf(JsonObject data) {
        long room = nonNegative(data, "room");
        if (room == 0) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'room' must be a room id.");
        }
        return room;
    }

    static Priority priorityOf(JsonObject data) {
        JsonValue value = data.get("priority");
        if (value == null || value == JsonValue.NULL) {
            return Priority.NORMAL;
        }
        if (!(value instanceof JsonString name)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'priority' must be a string.");
        }
        return Priority.fromWire(name.getString())
                .orElseThrow(() -> new QuorumException(
                        QuorumError.INVALID_MESSAGE, "'priority' must be critical, high, normal or low."));
    }

    static long nonNegative(JsonObject data, String name) {
        if (!(data.get(name) instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'" + name + "' must be a whole number >= 0.");
        }
        return number.longValue();
    }

    static String requiredString(JsonObject data, String name, int maxLength) {
        if (!(data.get(name) instanceof JsonString value)
                || value.getString().isEmpty()
                || value.getString().length() > maxLength) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE,
                    "'" + name + "' must be a string of 1 to " + maxLength + " characters.");
        }
        return value.getString();
    }
}
