package dev.quorum.connection.boundary;

import dev.quorum.routing.boundary.LiveConnection;
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

    public void add(LiveConnection connection, String remoteAddress) {
        open.put(connection.id(), connection);
        addresses.put(connection.id(), remoteAddress);
        perAddress.computeIfAbsent(remoteAddress, a -> new AtomicInteger()).incrementAndGet();
        perMember
                .computeIfAbsent(connection.identity().memberId(), m -> new AtomicInteger())
                .incrementAndGet();
    }

    public void remove(LiveConnection connection) {
        if (open.remove(connection.id()) == null) {
            return;
        }
        String address = addresses.remove(connection.id());
        if (address != null) {
            perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
        perMember.computeIfPresent(
                connection.identity().memberId(), (m, count) -> count.decrementAndGet() <= 0 ? null : count);
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
