package dev.quorum.routing.boundary;

import dev.quorum.connection.boundary.ConnectionRegistry;
import dev.quorum.presence.boundary.PresenceTracker;
import dev.quorum.routing.control.StoredMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands a committed message to every connection of its room: on this node directly, on the other nodes
 * of a cluster through the {@link ClusterBus}. The frame is encoded once and shared.
 */
@ApplicationScoped
public class RoomFanout {

    @Inject
    ConnectionRegistry registry;

    @Inject
    ClusterBus cluster;

    // normal-scoped beans may depend on each other: presence also broadcasts through this class
    @Inject
    PresenceTracker presence;

    public void deliver(StoredMessage message, long receivedNanos) {
        String frame = MessageFrames.message(message);
        deliverLocally(message, frame, receivedNanos);
        cluster.publish(frame);
    }

    /**
     * An ephemeral event (presence, typing) for everyone in the room, on every node, except the
     * connections of one member (null: nobody is excepted). Not persisted, not sequenced.
     */
    public void broadcastEvent(long room, String exceptMember, String frame) {
        broadcastEventLocally(room, exceptMember, frame);
        cluster.publishEvent(room, exceptMember, frame);
    }

    void broadcastEventLocally(long room, String exceptMember, String frame) {
        for (LiveConnection connection : registry.inRoom(room)) {
            if (exceptMember == null
                    || !exceptMember.equals(connection.identity().subject())) {
                connection.sendControl(frame);
            }
        }
    }

    /**
     * A direct message for every connection of the given members, on every node, whether or not they
     * joined the direct room: connections that had not are subscribed to it from this message on.
     */
    public void deliverDirect(
            StoredMessage message, long organizationId, java.util.Set<String> members, long receivedNanos) {
        String frame = MessageFrames.message(message);
        deliverDirectLocally(message, frame, organizationId, members, receivedNanos);
        cluster.publishDirect(organizationId, members, frame);
    }

    void deliverDirectLocally(
            StoredMessage message,
            String frame,
            long organizationId,
            java.util.Set<String> members,
            long receivedNanos) {
        for (LiveConnection connection : registry.all()) {
            if (connection.identity().organizationId() == organizationId
                    && members.contains(connection.identity().subject())) {
                if (!connection.isSubscribed(message.room())) {
                    connection.subscribe(message.room(), message.sequence() - 1, message.sequence() - 1);
                    registry.join(connection, message.room());
                }
                connection.deliver(message, frame, receivedNanos);
            }
        }
    }

    /** A frame for every connection of the organization, on every node. */
    public void broadcastToOrganization(long organizationId, String frame) {
        broadcastToOrganizationLocally(organizationId, frame);
        cluster.publishToOrganization(organizationId, frame);
    }

    void broadcastToOrganizationLocally(long organizationId, String frame) {
        for (LiveConnection connection : registry.all()) {
            if (connection.identity().organizationId() == organizationId) {
                connection.sendControl(frame);
            }
        }
    }

    /** Takes the member out of the room on every node at once: their connections stop receiving it. */
    public void revoke(long room, String subject) {
        revokeLocally(room, subject);
        cluster.publishRevocation(room, subject);
    }

    void revokeLocally(long room, String subject) {
        for (LiveConnection connection : registry.inRoom(room)) {
            if (connection.identity().subject().equals(subject)) {
                remove(connection, room, "membership");
            }
        }
    }

    /**
     * Takes one connection out of a room it may no longer enter, and tells it why: {@code membership}
     * (an administrator removed the member) or {@code access} (a refreshed credential no longer allows it).
     */
    public void remove(LiveConnection connection, long room, String reason) {
        connection.unsubscribe(room);
        registry.leave(connection, room);
        presence.left(connection, room);
        connection.sendControl(MessageFrames.envelope(
                "removed",
                null,
                jakarta.json.Json.createObjectBuilder().add("room", room).add("reason", reason)));
    }

    /** Closes every connection of the member, on every node; answers how many were on this node. */
    public int disconnect(long organizationId, String subject) {
        cluster.publishDisconnect(organizationId, subject);
        return disconnectLocally(organizationId, subject);
    }

    int disconnectLocally(long organizationId, String subject) {
        int closed = 0;
        for (LiveConnection connection : registry.all()) {
            if (connection.identity().organizationId() == organizationId
                    && connection.identity().subject().equals(subject)) {
                connection.close(CloseCodes.DISCONNECTED_BY_ADMIN.reason());
                closed++;
            }
        }
        return closed;
    }

    void deliverLocally(StoredMessage message, String frame, long receivedNanos) {
        for (LiveConnection connection : registry.inRoom(message.room())) {
            connection.deliver(message, frame, receivedNanos);
        }
    }
}
