package dev.quorum.routing.boundary;

import dev.quorum.connection.boundary.ConnectionRegistry;
import dev.quorum.routing.control.StoredMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands a committed message to every connection of its room on this node. The frame is encoded once
 * and shared; each connection keeps its own order.
 */
@ApplicationScoped
public class RoomFanout {

    @Inject
    ConnectionRegistry registry;

    public void deliver(StoredMessage message, long receivedNanos) {
        String frame = MessageFrames.message(message);
        for (LiveConnection connection : registry.inRoom(message.room())) {
            connection.deliver(message, frame, receivedNanos);
        }
    }
}
