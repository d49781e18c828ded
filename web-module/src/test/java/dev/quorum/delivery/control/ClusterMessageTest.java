package dev.quorum.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterMessageTest {

    @Test
    void everyKindSurvivesTheWire() {
        List<ClusterMessage> messages = List.of(
                new ClusterMessage.RoomMessage("{\"type\":\"message\",\"data\":{\"text\":\"a\\nb\"}}"),
                new ClusterMessage.DirectMessage(7, Set.of("alice", "bob"), "{}"),
                new ClusterMessage.RoomEvent(3, "carol", "{\"type\":\"typing\"}"),
                new ClusterMessage.RoomEvent(3, null, "{}"),
                new ClusterMessage.OrganizationFrame(1, java.util.Set.of(), "{\"type\":\"broadcast\"}"),
                new ClusterMessage.OrganizationFrame(1, java.util.Set.of("admin", "compliance_officer"), "{}"),
                new ClusterMessage.Revocation(9, "dave, with a comma"),
                new ClusterMessage.Disconnect(2, "erin\nnewline"));
        for (ClusterMessage message : messages) {
            assertEquals(message, ClusterMessage.decode(ClusterMessage.encode(message)));
        }
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterMessage.decode("{\"kind\":\"nonsense\"}"));
    }
}
