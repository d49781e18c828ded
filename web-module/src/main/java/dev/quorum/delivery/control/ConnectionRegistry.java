package dev.quorum.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * Counts a connection about to open, if the address and the member are under their caps; the handshake
     * holds the place until its connection is {@link #add added}, or {@link #release releases} it.
     */
    public synchronized boolean reserve(String remoteAddress, long memberId, int maxPerAddress, int maxPerMember) {
        if (openFrom(remoteAddress) >= maxPerAddress || openBy(memberId) >= maxPerMember) {
            return false;
        }
        perAddress.computeIfAbsent(remoteAddress, a -> new AtomicInteger()).incrementAndGet();
        perMember.computeIfAbsent(memberId, m -> new AtomicInteger()).incrementAndGet();
        return true;
    }

    /** A reserved place that no connection took (the upgrade failed). */
    public void release(String remoteAddress, long memberId) {
        perAddress.computeIfPresent(remoteAddress, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        perMember.computeIfPresent(memberId, (m, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** The connection takes the place its handshake {@link #reserve reserved}. */
    public void add(LiveConnection connection, String remoteAddress) {
        open.put(connection.id(), connection);
        addresses.put(connection.id(), remoteAddress);
    }

    public void remove(LiveConnection connection) {
        if (open.remove(connection.id()) == null) {
            return;
        }
        String address = addresses.remove(connection.id());
        if (address != null) {
            release(address, connection.identity().memberId());
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
