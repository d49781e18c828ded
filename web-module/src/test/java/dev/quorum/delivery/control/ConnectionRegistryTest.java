package dev.quorum.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.delivery.control.ConnectionRegistry.Reservation;
import dev.quorum.identity.control.MemberIdentity;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The places handshakes reserve: counted at once, freed when the connection closes or never comes. */
class ConnectionRegistryTest {

    private static final String ADDRESS = "198.51.100.7";
    private static final long MEMBER = 1;
    private static final long MAX_AGE = Duration.ofSeconds(30).toNanos();

    private final ConnectionRegistry registry = new ConnectionRegistry();

    @Test
    void aFullAddressGetsNoPlaceUntilOneIsReleased() {
        Reservation first = registry.reserve(ADDRESS, MEMBER, 2, 10, 0).orElseThrow();
        registry.reserve(ADDRESS, MEMBER, 2, 10, 0).orElseThrow();
        assertTrue(registry.reserve(ADDRESS, MEMBER, 2, 10, 0).isEmpty());
        registry.release(first);
        registry.release(first); // a second release frees nothing more
        assertEquals(1, registry.openFrom(ADDRESS));
        assertTrue(registry.reserve(ADDRESS, MEMBER, 2, 10, 0).isPresent());
    }

    @Test
    void aPlaceNoConnectionClaimsIsFreedAfterItsMaximumAge() {
        registry.reserve(ADDRESS, MEMBER, 5, 5, 0).orElseThrow();
        assertEquals(0, registry.releaseUnclaimed(MAX_AGE, MAX_AGE), "not yet too old");
        assertEquals(1, registry.openBy(MEMBER));
        assertEquals(1, registry.releaseUnclaimed(MAX_AGE + 1, MAX_AGE));
        assertEquals(0, registry.openFrom(ADDRESS));
        assertEquals(0, registry.openBy(MEMBER));
    }

    @Test
    void aClaimedPlaceIsNotFreedByAgeButWhenItsConnectionCloses() {
        Reservation reservation = registry.reserve(ADDRESS, MEMBER, 5, 5, 0).orElseThrow();
        LiveConnection connection = connection("s1");
        registry.add(connection, reservation);
        assertEquals(0, registry.releaseUnclaimed(10 * MAX_AGE, MAX_AGE));
        assertEquals(1, registry.openFrom(ADDRESS));
        registry.remove(connection);
        registry.remove(connection);
        assertEquals(0, registry.openFrom(ADDRESS));
        assertEquals(0, registry.openBy(MEMBER));
    }

    @Test
    void aConnectionThatOpensAfterItsPlaceWasFreedCountsAgain() {
        Reservation reservation = registry.reserve(ADDRESS, MEMBER, 5, 5, 0).orElseThrow();
        registry.releaseUnclaimed(2 * MAX_AGE, MAX_AGE);
        LiveConnection late = connection("late");
        registry.add(late, reservation);
        assertEquals(1, registry.openFrom(ADDRESS));
        assertEquals(List.of(late), List.copyOf(registry.all()));
        registry.remove(late);
        assertEquals(0, registry.openFrom(ADDRESS));
    }

    private static LiveConnection connection(String id) {
        Session session = (Session) Proxy.newProxyInstance(
                ConnectionRegistryTest.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> "getId".equals(method.getName()) ? id : null);
        return new LiveConnection(
                session,
                new MemberIdentity(MEMBER, "alice", "Alice", 1, "acme", "Acme", Set.of("member"), Instant.MAX),
                8,
                (room, after, upTo, limit) -> List.of(),
                new LiveConnection.Observer() {
                    @Override
                    public void dropped(dev.quorum.routing.control.Priority priority, int count) {}

                    @Override
                    public void delivered(dev.quorum.routing.control.StoredMessage message, long latencyNanos) {}

                    @Override
                    public void replayed(int count) {}
                },
                task -> {});
    }
}
