package dev.quorum.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.quorum.presence.control.RoomPresence.Change;
import java.time.Instant;
import java.util.List;
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

    @Test
    void aBatchIsAnnouncedAsItsNetChangesInOneFrame() {
        RoomPresence before =
                RoomPresence.parse(null).arrive("alice", "Alice", "c1", T0).arrive("bob", "Bob", "c2", T0);
        RoomPresence after = before.arrive("carol", "Carol", "c3", T0)
                .status("alice", "away")
                .depart("bob", "c2")
                .arrive("dave", "Dave", "c4", T0)
                .depart("dave", "c4");
        jakarta.json.JsonObject frame = RoomPresence.changes(
                        7, before, after, List.of("carol", "alice", "bob", "dave", "dave", "carol"))
                .build();
        assertEquals(7, frame.getInt("room"));
        assertEquals(List.of("carol"), ids(frame, "joined"));
        assertEquals(List.of("alice"), ids(frame, "status"));
        assertEquals(List.of("bob"), ids(frame, "left"), "dave came and went within the batch: not mentioned");
        assertEquals("online", frame.getJsonArray("left").getJsonObject(0).getString("status"), "as last seen");
        assertNull(RoomPresence.changes(7, after, after.depart("nobody", "c9"), List.of("nobody")));
    }

    @Test
    void anUnchangedTextIsNotParsedAgain() {
        RoomPresence known = RoomPresence.parse(null).arrive("alice", "Alice", "c1", T0);
        String copy = new String(known.toJson());
        assertSame(known, RoomPresence.parse(copy, known));
        RoomPresence other = RoomPresence.parse(copy.replace("online", "away"), known);
        assertNotSame(known, other);
        assertEquals("away", other.find("alice").status());
        assertSame(known, known.arrive("alice", "Alice", "c1", T0), "the same connection again changes nothing");
    }

    @Test
    void theTextWrittenChangeByChangeIsTheWholeRoomEncodedAtOnce() {
        RoomPresence room = RoomPresence.parse(null)
                .arrive("alice", "Alice \"Al\" Ångström", "c1", T0)
                .arrive("bob", "Bob", "c2", T0.plusSeconds(1))
                .arrive("carol", "Carol", "c3", T0.plusSeconds(2));
        // a value read from the map, then changed: its own entries are encoded afresh, the change on top
        RoomPresence changed = RoomPresence.parse(room.toJson())
                .status("bob", "away")
                .arrive("alice", "Alice \"Al\" Ångström", "c4", T0.plusSeconds(3))
                .depart("carol", "c3")
                .arrive("dave", "Dave", "c5", T0.plusSeconds(4));
        jakarta.json.JsonArrayBuilder expected = dev.quorum.platform.control.JsonText.JSON.createArrayBuilder();
        for (RoomPresence.Entry entry : changed.entries()) {
            jakarta.json.JsonArrayBuilder connections = dev.quorum.platform.control.JsonText.JSON.createArrayBuilder();
            entry.connections().forEach(connections::add);
            expected.add(dev.quorum.platform.control.JsonText.JSON
                    .createObjectBuilder()
                    .add("member", entry.member())
                    .add("displayName", entry.displayName())
                    .add("since", entry.since().toString())
                    .add("status", entry.status())
                    .add("connections", connections));
        }
        assertEquals(expected.build().toString(), changed.toJson());
        assertEquals(
                List.of("alice", "bob", "dave"),
                RoomPresence.parse(changed.toJson()).entries().stream()
                        .map(RoomPresence.Entry::member)
                        .toList(),
                "in the order they arrived");
        assertEquals(
                java.util.Set.of("c1", "c4"),
                RoomPresence.parse(changed.toJson()).find("alice").connections());
    }

    private static List<String> ids(jakarta.json.JsonObject frame, String list) {
        return frame.getJsonArray(list).getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(m -> m.getString("id"))
                .toList();
    }
}
