package dev.quorum.delivery.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.StoredMessage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** The server frames that carry room messages, built once per message and shared by every receiver. */
public final class MessageFrames {

    private MessageFrames() {}

    static String message(StoredMessage message) {
        return JSON.createObjectBuilder()
                .add("type", "message")
                .add("data", messageData(message))
                .build()
                .toString();
    }

    /** The message a {@link #message} frame carries, as another node reads it. */
    static StoredMessage parse(String frame) {
        JsonObject data =
                JSON.createReader(new StringReader(frame)).readObject().getJsonObject("data");
        JsonObject sender = data.getJsonObject("sender");
        return new StoredMessage(
                data.getJsonNumber("room").longValue(),
                data.getJsonNumber("seq").longValue(),
                Priority.fromWire(data.getString("priority")).orElseThrow(),
                data.getString("type"),
                data.getJsonObject("data").toString(),
                sender == null ? null : sender.getString("id"),
                sender == null ? null : sender.getString("displayName"),
                data.getString("id", null),
                Instant.parse(data.getString("sentAt")));
    }

    public static String history(long room, List<StoredMessage> messages, boolean hasMore, String replyTo) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        messages.forEach(m -> array.add(messageData(m)));
        return envelope(
                "history",
                replyTo,
                JSON.createObjectBuilder()
                        .add("room", room)
                        .add("messages", array)
                        .add("hasMore", hasMore));
    }

    static String gap(long room, long resumeFrom) {
        return envelope(
                "gap", null, JSON.createObjectBuilder().add("room", room).add("resumeFrom", resumeFrom));
    }

    /** Any server frame: {@code {type, replyTo?, data}}. */
    public static String envelope(String type, String replyTo, JsonObjectBuilder data) {
        JsonObjectBuilder frame = JSON.createObjectBuilder().add("type", type);
        if (replyTo != null) {
            frame.add("replyTo", replyTo);
        }
        return frame.add("data", data).build().toString();
    }

    private static JsonObjectBuilder messageData(StoredMessage message) {
        JsonObjectBuilder data = JSON.createObjectBuilder()
                .add("room", message.room())
                .add("seq", message.sequence())
                .add("priority", message.priority().wireName())
                .add("type", message.type())
                .add("sentAt", message.createdAt().toString())
                .add("data", payload(message.payloadJson()));
        if (message.senderId() != null) {
            data.add(
                    "sender",
                    JSON.createObjectBuilder().add("id", message.senderId()).add("displayName", message.senderName()));
        }
        if (message.clientMessageId() != null) {
            data.add("id", message.clientMessageId());
        }
        return data;
    }

    private static JsonObject payload(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }
}
