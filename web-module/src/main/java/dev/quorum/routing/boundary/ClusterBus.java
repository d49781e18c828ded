package dev.quorum.routing.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Carries committed messages to the other nodes of a cluster over a topic of Payara's Hazelcast, so a
 * client on any node receives every message of its rooms. A node without a cluster delivers locally
 * only. The topic carries the encoded frame (plain text): application classes need not be known to
 * Hazelcast's class loader. Order is restored by each connection against the room's sequence.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());
    static final String TOPIC = "quorum.room-messages";
    static final String PRESENCE = "quorum.presence";
    private static final String MESSAGE = "M";
    private static final String EVENT = "E";
    private static final String ORGANIZATION = "O";
    private static final String DISCONNECT = "X";
    private static final String REVOKE = "R";
    private static final String DIRECT = "D";

    @Inject
    RoomFanout fanout;

    @Resource
    ManagedExecutorService executor;

    private ITopic<String> topic;
    private UUID listener;
    private Map<String, String> presence = new ConcurrentHashMap<>();
    private String nodeId = "local";
    private final java.util.List<Consumer<String>> departedNodeListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @PostConstruct
    void connect() {
        HazelcastInstance hazelcast = lookup();
        if (hazelcast == null) {
            LOG.info("No cluster: room messages are delivered on this node only");
            return;
        }
        topic = hazelcast.getTopic(TOPIC);
        presence = hazelcast.getMap(PRESENCE);
        nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
        hazelcast.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {}

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                String departed = event.getMember().getUuid().toString();
                executor.execute(() -> departedNodeListeners.forEach(listener -> listener.accept(departed)));
            }
        });
        Consumer<Message<String>> onMessage = message -> {
            if (!message.getPublishingMember().localMember()) {
                long received = System.nanoTime();
                executor.execute(() -> receive(message.getMessageObject(), received));
            }
        };
        listener = topic.addMessageListener(onMessage::accept);
        LOG.info(() -> "Cluster delivery on, members: " + hazelcast.getCluster().getMembers());
    }

    /** A committed room message's frame. */
    public void publish(String frame) {
        if (topic != null) {
            topic.publish(MESSAGE + frame);
        }
    }

    /** An ephemeral room event: the room, the member whose connections skip it, and the frame. */
    public void publishEvent(long room, String exceptMember, String frame) {
        if (topic != null) {
            topic.publish(EVENT + room + "\n" + (exceptMember == null ? "" : exceptMember) + "\n" + frame);
        }
    }

    public void publishDirect(long organizationId, java.util.Set<String> members, String frame) {
        if (topic != null) {
            topic.publish(DIRECT + organizationId + "\n" + String.join(",", members) + "\n" + frame);
        }
    }

    public void publishToOrganization(long organizationId, String frame) {
        if (topic != null) {
            topic.publish(ORGANIZATION + organizationId + "\n" + frame);
        }
    }

    public void publishRevocation(long room, String subject) {
        if (topic != null) {
            topic.publish(REVOKE + room + "\n" + subject);
        }
    }

    public void publishDisconnect(long organizationId, String subject) {
        if (topic != null) {
            topic.publish(DISCONNECT + organizationId + "\n" + subject);
        }
    }

    /** This node's identity in the cluster ("local" without one). */
    public String nodeId() {
        return nodeId;
    }

    /** Called with a node's id when it leaves the cluster, gracefully or not. */
    public void onNodeDeparted(Consumer<String> listener) {
        departedNodeListeners.add(listener);
    }

    /** Presence per room: a Hazelcast map in a cluster, a local map otherwise. */
    public Map<String, String> presence() {
        return presence;
    }

    private void receive(String payload, long receivedNanos) {
        String body = payload.substring(1);
        if (payload.startsWith(MESSAGE)) {
            fanout.deliverLocally(MessageFrames.parse(body), body, receivedNanos);
        } else if (payload.startsWith(DIRECT)) {
            String[] parts = body.split("\n", 3);
            fanout.deliverDirectLocally(
                    MessageFrames.parse(parts[2]),
                    parts[2],
                    Long.parseLong(parts[0]),
                    java.util.Set.of(parts[1].split(",")),
                    receivedNanos);
        } else if (payload.startsWith(ORGANIZATION)) {
            String[] parts = body.split("\n", 2);
            fanout.broadcastToOrganizationLocally(Long.parseLong(parts[0]), parts[1]);
        } else if (payload.startsWith(REVOKE)) {
            String[] parts = body.split("\n", 2);
            fanout.revokeLocally(Long.parseLong(parts[0]), parts[1]);
        } else if (payload.startsWith(DISCONNECT)) {
            String[] parts = body.split("\n", 2);
            fanout.disconnectLocally(Long.parseLong(parts[0]), parts[1]);
        } else if (payload.startsWith(EVENT)) {
            String[] parts = body.split("\n", 3);
            fanout.broadcastEventLocally(Long.parseLong(parts[0]), parts[1].isEmpty() ? null : parts[1], parts[2]);
        }
    }

    @PreDestroy
    void disconnect() {
        if (topic != null && listener != null) {
            try {
                topic.removeMessageListener(listener);
            } catch (RuntimeException e) {
                LOG.fine(() -> "removing the topic listener failed: " + e);
            }
        }
    }

    private static HazelcastInstance lookup() {
        try {
            Object found = new InitialContext().lookup("payara/Hazelcast");
            if (found instanceof HazelcastInstance hazelcast
                    && hazelcast.getLifecycleService().isRunning()) {
                return hazelcast;
            }
        } catch (NamingException | RuntimeException e) {
            LOG.fine(() -> "no Hazelcast: " + e);
        }
        return null;
    }
}
