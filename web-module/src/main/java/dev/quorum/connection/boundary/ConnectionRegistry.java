package dev.quorum.connection.boundary;

import dev.quorum.identity.control.MemberIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connections open on this node. Node-local by nature: a session lives in one JVM. */
@ApplicationScoped
public class ConnectionRegistry {

    public record Connection(Session session, MemberIdentity identity) {}

    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    public void add(Session session, MemberIdentity identity) {
        open.put(session.getId(), new Connection(session, identity));
    }

    public void remove(Session session) {
        open.remove(session.getId());
    }

    public int size() {
        return open.size();
    }
}
