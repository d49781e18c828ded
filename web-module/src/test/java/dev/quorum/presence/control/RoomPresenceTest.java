package dev.quorum.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quorum.presence.control.RoomPresence.Change;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomPresenceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void severalConnectionsOfAMemberAreOnePresenceThatEndsWithTheLast() {
        RoomPresence empty = RoomPresence.parse(null);
        RoomPresence one = empty.arrive("alice", "Alice", "c1", T0);
        assertEquals(Change.ARRIVED, RoomPresence.change(empty, one, "alice"));
        RoomPresence two = RoomPresence.parse(one.toJson()).arrive("alice", "Alice", "c2", T0.plusSeconds(5));
        assertEquals(Change.NONE, RoomPresence.change(one, two, "alice"));
        assertEquals(Set.of("c1", "c2"), two.find("alice").connections());
        assertEquals(T0, two.find("alice").since(), "present since the first connection");
        RoomPresence stillThere = two.depart("alice", "c1");
        assertEquals(Change.NONE, RoomPresence.change(two, stillThere, "alice"));
        RoomPresence gone = stillThere.depart("alice", "c2");
        assertEquals(Change.LEFT, RoomPresence.change(stillThere, gone, "alice"));
        assertNull(gone.toJson(), "an empty room is removed from the map");
    }

    @Test
    void statusChangesAreReportedOnce() {
        RoomPresence online = RoomPresence.parse(null).arrive("bob", "Bob", "c1", T0);
        RoomPresence away = online.status("bob", "away");
        assertEquals(Change.STATUS, RoomPresence.change(online, away, "bob"));
        assertEquals(Change.NONE, RoomPresence.change(away, away.status("bob", "away"), "bob"));
        assertEquals("away", RoomPresence.parse(away.toJson()).find("bob").status());
    }

    @Test
    void departingWithAnUnknownConnectionChangesNothing() {
        RoomPresence one = RoomPresence.parse(null).arrive("alice", "Alice", "c1", T0);
        assertEquals(Change.NONE, RoomPresence.change(one, one.depart("alice", "zz"), "alice"));
        assertEquals(Change.NONE, RoomPresence.change(one, one.depart("nobody", "c1"), "nobody"));
    }
}
