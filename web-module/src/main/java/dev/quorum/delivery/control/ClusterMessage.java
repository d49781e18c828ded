package dev.quorum.delivery.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one node tells the others. Each kind is a record; on the wire it is JSON text with a {@code kind},
 * so Hazelcast's class loader never needs the application's classes.
 */
public sealed interface ClusterMessage {

    /** A committed room message, as its encoded frame (the frame carries room and sequence). */
    record RoomMessage(String frame) implements ClusterMessage {}

    /** A committed direct message for every connection of the given members of one organization. */
    record DirectMessage(long organizationId, Set<String> members, String frame) implements ClusterMessage {}

    /** An ephemeral room event (presence, typing) for everyone in the room except one member's connections. */
    record RoomEvent(long room, String exceptMember, String frame) implements ClusterMessage {}

    /** A notice for every connection of an organization, or (roles not empty) of its members holding one of them. */
    record OrganizationFrame(long organizationId, Set<String> roles, String frame) implements ClusterMessage {}

    /** A member lost a room. */
    record Revocation(long room, String member) implements ClusterMessage {}

    /** Every connection of a member is to be closed; of the whole organization when {@code member} is null. */
    record Disconnect(long organizationId, String member) implements ClusterMessage {}

    static String encode(ClusterMessage message) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (message instanceof RoomMessage m) {
            json.add("kind", "message").add("frame", m.frame());
        } else if (message instanceof DirectMessage m) {
            json.add("kind", "direct")
                    .add("organization", m.organizationId())
                    .add("members", JSON.createArrayBuilder(new TreeSet<>(m.members())))
                    .add("frame", m.frame());
        } else if (message instanceof RoomEvent m) {
            json.add("kind", "event").add("room", m.room()).add("frame", m.frame());
            if (m.exceptMember() != null) {
                json.add("except", m.exceptMember());
            }
        } else if (message instanceof OrganizationFrame m) {
            json.add("kind", "organization")
                    .add("organization", m.organizationId())
                    .add("frame", m.frame());
            if (!m.roles().isEmpty()) {
                json.add("roles", JSON.createArrayBuilder(new TreeSet<>(m.roles())));
            }
        } else if (message instanceof Revocation m) {
            json.add("kind", "revocation").add("room", m.room()).add("member", m.member());
        } else if (message instanceof Disconnect m) {
            json.add("kind", "disconnect").add("organization", m.organizationId());
            if (m.member() != null) {
                json.add("member", m.member());
            }
        }
        return json.build().toString();
    }

    static ClusterMessage decode(String text) {
        JsonObject json = JSON.createReader(new StringReader(text)).readObject();
        return switch (json.getString("kind")) {
            case "message" -> new RoomMessage(json.getString("frame"));
            case "direct" ->
                new DirectMessage(
                        json.getJsonNumber("organization").longValue(),
                        Set.copyOf(json.getJsonArray("members").getValuesAs(JsonString::getString)),
                        json.getString("frame"));
            case "event" ->
                new RoomEvent(
                        json.getJsonNumber("room").longValue(),
                        json.getString("except", null),
                        json.getString("frame"));
            case "organization" ->
                new OrganizationFrame(
                        json.getJsonNumber("organization").longValue(),
                        json.containsKey("roles")
                                ? Set.copyOf(json.getJsonArray("roles").getValuesAs(JsonString::getString))
                                : Set.of(),
                        json.getString("frame"));
            case "revocation" -> new Revocation(json.getJsonNumber("room").longValue(), json.getString("member"));
            case "disconnect" ->
                new Disconnect(json.getJsonNumber("organization").longValue(), json.getString("member", null));
            default -> throw new IllegalArgumentException("unknown cluster message kind " + json.getString("kind"));
        };
    }
}
