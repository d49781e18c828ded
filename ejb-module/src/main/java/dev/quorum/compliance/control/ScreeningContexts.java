package dev.quorum.compliance.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The context of a text to screen, read from the database only when a rule asks for it, and remembered for
 * five seconds (as the rules are): most texts need none of it, and a busy room must not read its guests for
 * every message. A member added to a room or a division counts within seconds.
 */
@ApplicationScoped
public class ScreeningContexts {

    private static final long FRESH_NANOS = 5_000_000_000L;

    /** Past this many entries a cache starts again: rooms and members come and go. */
    private static final int MAX_ENTRIES = 20_000;

    @Inject
    ScreeningFacts facts;

    private final Fresh<Long, PeopleNames> people = new Fresh<>();
    private final Fresh<Long, ScreeningFacts.RoomFacts> rooms = new Fresh<>();
    private final Fresh<Long, Set<String>> divisions = new Fresh<>();

    /** Whether the room is one of the organization's (for a dry run in a room's context). */
    public boolean roomOf(long organizationId, long roomId) {
        return rooms.get(roomId, facts::room).organizationId() == organizationId;
    }

    /** The context of a text posted by a member (0: Quorum itself) in a room (null: none) of an organization. */
    public ScreeningContext of(long organizationId, Long roomId, long authorMemberId) {
        return new ScreeningContext() {
            @Override
            public PeopleNames people() {
                return people.get(organizationId, facts::people);
            }

            @Override
            public boolean roomHasExternalGuests() {
                return roomId != null && rooms.get(roomId, facts::room).externalGuests();
            }

            @Override
            public String roomDivision() {
                return roomId == null ? null : rooms.get(roomId, facts::room).division();
            }

            @Override
            public Set<String> authorDivisions() {
                return authorMemberId == 0 ? Set.of() : divisions.get(authorMemberId, facts::divisions);
            }

            @Override
            public LocalDate today() {
                return LocalDate.now();
            }
        };
    }

    /**
     * Values read at most every five seconds per key. While one caller reads a stale value again, the others
     * go on with the stale one instead of all reading it at once (an organization's people are thousands
     * of rows).
     */
    private static final class Fresh<K, V> {

        private record Read<V>(V value, long at, AtomicBoolean reading) {}

        private final Map<K, Read<V>> reads = new ConcurrentHashMap<>();

        V get(K key, Function<K, V> load) {
            Read<V> read = reads.get(key);
            long now = System.nanoTime();
            if (read == null) {
                return readAgain(key, load, now);
            }
            if (now - read.at() > FRESH_NANOS && read.reading().compareAndSet(false, true)) {
                try {
                    return readAgain(key, load, now);
                } finally {
                    read.reading().set(false);
                }
            }
            return read.value();
        }

        private V readAgain(K key, Function<K, V> load, long now) {
            if (reads.size() > MAX_ENTRIES) {
                reads.clear();
            }
            Read<V> read = new Read<>(load.apply(key), now, new AtomicBoolean());
            reads.put(key, read);
            return read.value();
        }
    }
}
