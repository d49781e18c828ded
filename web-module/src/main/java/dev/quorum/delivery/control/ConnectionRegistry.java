package dev.quorum.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connections open on this node and the rooms each receives. Node-local by nature: a WebSocket
 * session lives in one JVM; what other nodes need to know travels as messages, not as this state.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final Map<String, LiveConnection> open = new ConcurrentHashMap<>();
    private final Map<Long, Set<LiveConnection>> byRoom = new ConcurrentHashMap<>();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> perMember = new ConcurrentHashMap<>();
    private final Map<Long, Reservation> unclaimed = new ConcurrentHashMap<>();
    private final AtomicLong nextReservation = new AtomicLong();

    /** A place a handshake holds for its connection. */
    public record Reservation(long id, String remoteAddress, long memberId, long reservedAtNanos) {}

    /**
     * Counts a connection about to open, if the address and the member are under their caps. The handshake
     * holds the place until its connection is {@link #add added} or it is {@link #release released}; a
     * place no connection claims (the client vanished between the upgrade and the endpoint's open) is
     * freed by {@link #releaseUnclaimed}.
     */
    public synchronized Optional<Reservation> reserve(
            String remoteAddress, long memberId, int maxPerAddress, int maxPerMember, long nowNanos) {
        if (openFrom(remoteAddress) >= maxPerAddress || openBy(memberId) >= maxPerMember) {
            return Optional.empty();
        }
        count(remoteAddress, memberId);
        Reservation reservation = new Reservation(nextReservation.incrementAndGet(), remoteAddress, memberId, nowNanos);
        unclaimed.put(reservation.id(), reservation);
        return Optional.of(reservation);
    }

    /** A reserved place that no connection will take (the upgrade failed). */
    public void release(Reservation reservation) {
        if (unclaimed.remove(reservation.id()) != null) {
            uncount(reservation.remoteAddress(), reservation.memberId());
        }
    }

    /** Frees the places reserved longer ago than maxAge that no connection took; answers how many. */
    public int releaseUnclaimed(long nowNanos, long maxAgeNanos) {
        int released = 0;
        for (Reservation reservation : unclaimed.values()) {
            if (nowNanos - reservation.reservedAtNanos() > maxAgeNanos && unclaimed.remove(reservation.id()) != null) {
                uncount(reservation.remoteAddress(), reservation.memberId());
                released++;
            }
        }
        return released;
    }

    /** The connection takes the place its handshake {@link #reserve reserved}. */
    public void add(LiveConnection connection, Reservation reservation) {
        if (unclaimed.remove(reservation.id()) == null) {
            // released as unclaimed meanwhile: the connection is open after all, so it counts again
            count(reservation.remoteAddress(), reservation.memberId());
        }
        open.put(connection.id(), connection);
        addresses.put(connection.id(), reservation.remoteAddress());
    }

    public void remove(LiveConnection connection) {
        if (open.remove(connection.id()) == null) {
            return;
        }
        String address = addresses.remove(connection.id());
        if (address != null) {
            uncount(address, connection.identity().memberId());
        }
        for (Long room : connection.rooms()) {
            leave(connection, room);
        }
    }

    public void join(LiveConnection connection, long room) {
        // inside compute: adding to a set fetched earlier could race leave() removing that emptied set
        byRoom.compute(room, (r, members) -> {
            Set<LiveConnection> joined = members == null ? ConcurrentHashMap.newKeySet() : members;
            joined.add(connection);
            return joined;
        });
    }

    public void leave(LiveConnection connection, long room) {
        byRoom.computeIfPresent(room, (r, members) -> {
            members.remove(connection);
            return members.isEmpty() ? null : members;
        });
    }

    public Collection<LiveConnection> inRoom(long room) {
        return byRoom.getOrDefault(room, Set.of());
    }

    /** The rooms that have at least one connection on this node. */
    public Set<Long> rooms() {
        return Set.copyOf(byRoom.keySet());
    }

    public Collection<LiveConnection> all() {
        return open.values();
    }

    private void count(String remoteAddress, long memberId) {
        perAddress.computeIfAbsent(remoteAddress, a -> new AtomicInteger()).incrementAndGet();
        perMember.computeIfAbsent(memberId, m -> new AtomicInteger()).incrementAndGet();
    }

    private void uncount(String remoteAddress, long memberId) {
        perAddress.computeIfPresent(remoteAddress, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        perMember.computeIfPresent(memberId, (m, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int openFrom(String remoteAddress) {
        AtomicInteger count = perAddress.get(remoteAddress);
        return count == null ? 0 : count.get();
    }

    public int openBy(long memberId) {
        AtomicInteger count = perMember.get(memberId);
        return count == null ? 0 : count.get();
    }

    public int size() {
        return open.size();
    }
}
