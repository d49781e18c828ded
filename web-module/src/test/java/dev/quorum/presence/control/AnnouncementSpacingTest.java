package dev.quorum.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AnnouncementSpacingTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final long MAX = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AnnouncementSpacing spacing = new AnnouncementSpacing();

    @Test
    void theFirstChangeAfterAQuietSpellIsAnnouncedAtOnce() {
        RoomPresence empty = RoomPresence.parse(null);
        RoomPresence alice = empty.arrive("alice", "Alice", "c1", T0);
        assertEquals(AnnouncementSpacing.ANNOUNCE_NOW, spacing.record(empty, alice, List.of("alice"), 0, MAX));
        AnnouncementSpacing.Due due = spacing.take(0);
        assertSame(empty, due.before());
        assertSame(alice, due.after());
        assertEquals(List.of("alice"), due.members());
        assertNull(spacing.take(1), "nothing is announced twice");

        // a room of one: 10 ms apart; a change 20 ms later goes out at once again
        RoomPresence both = alice.arrive("bob", "Bob", "c2", T0);
        assertEquals(AnnouncementSpacing.ANNOUNCE_NOW, spacing.record(alice, both, List.of("bob"), 20 * MS, MAX));
    }

    @Test
    void changesWithinTheSpacingWaitAndAreAnnouncedTogetherNet() {
        RoomPresence room = RoomPresence.parse(null);
        for (int i = 0; i < 50; i++) {
            room = room.arrive("m" + i, "M" + i, "c" + i, T0);
        }
        RoomPresence start = room;
        RoomPresence withCarol = start.arrive("carol", "Carol", "c-carol", T0);
        assertEquals(AnnouncementSpacing.ANNOUNCE_NOW, spacing.record(start, withCarol, List.of("carol"), 0, MAX));
        spacing.take(0);

        // 52 members present with Dan: announcements at least 520 ms apart
        RoomPresence withDan = withCarol.arrive("dan", "Dan", "c-dan", T0);
        assertEquals(510 * MS, spacing.record(withCarol, withDan, List.of("dan"), 10 * MS, MAX));
        RoomPresence danGone = withDan.depart("dan", "c-dan");
        RoomPresence withErin = danGone.arrive("erin", "Erin", "c-erin", T0);
        assertEquals(
                AnnouncementSpacing.ALREADY_SCHEDULED,
                spacing.record(withDan, danGone, List.of("dan"), 20 * MS, MAX),
                "one announcement is scheduled, not one per change");
        assertEquals(
                AnnouncementSpacing.ALREADY_SCHEDULED,
                spacing.record(danGone, withErin, List.of("erin"), 30 * MS, MAX));

        AnnouncementSpacing.Due due = spacing.take(520 * MS);
        assertSame(withCarol, due.before(), "from the presence before the first waiting change");
        assertSame(withErin, due.after(), "to the presence after the last");
        assertEquals(List.of("dan", "erin"), due.members());
        // net: Dan came and went unseen, Erin arrived
        assertEquals(
                "{\"room\":7,\"joined\":[{\"id\":\"erin\",\"displayName\":\"Erin\",\"since\":\"2026-12-02T09:00:00Z\","
                        + "\"status\":\"online\"}],\"status\":[],\"left\":[]}",
                RoomPresence.changes(7, due.before(), due.after(), due.members())
                        .build()
                        .toString());
    }

    @Test
    void aLargeRoomWaitsNoLongerThanTheMaximum() {
        RoomPresence room = RoomPresence.parse(null);
        for (int i = 0; i < 5_000; i++) {
            room = room.arrive("m" + i, "M" + i, "c" + i, T0);
        }
        RoomPresence more = room.arrive("late", "Late", "c-late", T0);
        assertEquals(AnnouncementSpacing.ANNOUNCE_NOW, spacing.record(room, more, List.of("late"), 0, MAX));
        spacing.take(0);
        RoomPresence fewer = more.depart("late", "c-late");
        assertEquals(MAX - 5 * MS, spacing.record(more, fewer, List.of("late"), 5 * MS, MAX));
    }
}
