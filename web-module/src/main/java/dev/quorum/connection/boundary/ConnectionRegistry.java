package dev.quorum.connection.boundary;

import dev.quorum.routing.boundary.LiveConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections open on this node and the rooms each receives. Node-local by nature: a WebSocket
 * session lives in one JVM; what other nodes need to know travels as messages, not as this state.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final Map<String, LiveConnection> open = new ConcurrentHashMap<>();
    private final Map<Long, Set<LiveConnection>> byRoom = new ConcurrentHashMap<>();

    public void add(LiveConnection connection) {
        open.put(connection.id(), connection);
    }

    public void remove(LiveConnection connection) {
        open.remove(connection.id());
        for (Long room : connection.rooms()) {
            leave(connection, room);
        }
    }

    public void join(LiveConnection connection, long room) {
        byRoom.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(connection);
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

    public int size() {
        return open.size();
    }
}
