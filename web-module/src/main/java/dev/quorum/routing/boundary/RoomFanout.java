package dev.quorum.routing.boundary;

import dev.quorum.connection.boundary.ConnectionRegistry;
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

    void deliverLocally(StoredMessage message, String frame, long receivedNanos) {
        for (LiveConnection connection : registry.inRoom(message.room())) {
            connection.deliver(message, frame, receivedNanos);
        }
    }
}
