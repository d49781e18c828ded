package dev.quorum.delivery.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.quorum.platform.control.LogThrottle;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Carries committed messages and notices to the other nodes of a cluster over a topic of Payara's
 * Hazelcast, as typed {@link ClusterMessage}s. A node without a cluster delivers locally only. The topic is
 * best-effort: a message it loses is repaired by {@link RoomWatermarks}, which compares each room's
 * committed sequence with what this node delivered.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());

    /** One line a minute while the topic refuses messages (a cluster in trouble refuses every one). */
    private static final LogThrottle PUBLISH_FAILURES = new LogThrottle(LOG, 60_000);

    static final String TOPIC = "quorum.room-messages";
    static final String PRESENCE = "quorum.presence";

    @Resource
    ManagedExecutorService executor;

    /** How many messages from other nodes may wait to be handed to this node's connections. */
    static final int INBOUND_CAPACITY = 50_000;

    /**
     * Messages from other nodes, handed on in the order they arrived by a thread of their own. Bounded and
     * back-pressured, never dropping: when full (a burst after a frozen node thawed), Hazelcast's event
     * thread waits for room. (A drain task per burst on the managed executor cost a context capture each
     * time — a ServiceLoader scan over the application's jars, for every message at a low rate — and the
     * executor's queue could reject one, which was then lost.)
     */
    private final BlockingQueue<String> inbound = new ArrayBlockingQueue<>(INBOUND_CAPACITY);

    @Resource
    ManagedThreadFactory threads;

    private Thread inboundThread;

    private ITopic<String> topic;
    private UUID listener;
    private Map<String, String> presence = new ConcurrentHashMap<>();
    private String nodeId = "local";
    private final java.util.List<Consumer<String>> departedNodeListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Consumer<ClusterMessage> receiver = message -> {};
    private volatile boolean droppingInbound;

    /**
     * Whether another node is in the cluster. A node alone publishes nothing: Hazelcast would serialize the
     * message and hand it to an event thread only for this node's listener to ignore it. A node that joins
     * later learns of earlier messages from the log, as any node does.
     */
    private volatile boolean othersPresent;

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
            public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {
                othersPresent = event.getMembers().size() > 1;
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                othersPresent = event.getMembers().size() > 1;
                String departed = event.getMember().getUuid().toString();
                executor.execute(() -> departedNodeListeners.forEach(listener -> listener.accept(departed)));
            }
        });
        Consumer<Message<String>> onMessage = message -> {
            if (!message.getPublishingMember().localMember() && !droppingInbound) {
                String text = message.getMessageObject();
                handOn(text);
            }
        };
        inboundThread = threads.newThread(this::handOnInbound);
        inboundThread.setName("quorum-cluster-inbound");
        inboundThread.setDaemon(true);
        inboundThread.start();
        listener = topic.addMessageListener(onMessage::accept);
        othersPresent = hazelcast.getCluster().getMembers().size() > 1;
        LOG.info(() -> "Cluster delivery on, members: " + hazelcast.getCluster().getMembers());
    }

    /** Who handles what other nodes send: the room fan-out, registered at start-up. */
    public void onMessage(Consumer<ClusterMessage> receiver) {
        this.receiver = receiver;
    }

    /**
     * Tells the other nodes; a no-op without a cluster. Never fails its caller, who delivers to this node's
     * connections next: what the topic did not take is repaired from the log like anything it loses.
     */
    public void publish(ClusterMessage message) {
        if (topic != null && othersPresent) {
            try {
                topic.publish(ClusterMessage.encode(message));
            } catch (RuntimeException e) {
                PUBLISH_FAILURES.log(
                        Level.WARNING,
                        "publish",
                        "The cluster topic did not take a message; other nodes repair it from the log: "
                                + LogThrottle.describe(e),
                        null);
            }
        }
    }

    /**
     * Fault injection for tests (development mode only): while on, this node ignores what other nodes send,
     * as if the topic lost it. Delivery must still be complete, repaired from the message log.
     */
    public void dropInbound(boolean drop) {
        droppingInbound = drop;
        LOG.warning(() -> "Fault injection: inbound cluster messages are " + (drop ? "DROPPED" : "received again"));
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

    private void handOn(String text) {
        try {
            inbound.put(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning("A cluster message was not handed on: interrupted while waiting for room");
        }
    }

    /** The inbound thread: hands on what other nodes sent, in order, until the node stops. */
    private void handOnInbound() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                receive(inbound.take());
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            LOG.log(
                    Level.SEVERE,
                    "Messages from other nodes are no longer handed on; only the log's repair delivers them",
                    e);
            throw e;
        }
    }

    private void receive(String text) {
        try {
            receiver.accept(ClusterMessage.decode(text));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A cluster message could not be handled: " + e);
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
        if (inboundThread != null) {
            inboundThread.interrupt();
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
