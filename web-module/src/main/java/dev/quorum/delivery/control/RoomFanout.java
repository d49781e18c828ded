package dev.quorum.delivery.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.routing.control.DeliveryHub;
import dev.quorum.routing.control.DeliverySink;
import dev.quorum.routing.control.MemberDisconnected;
import dev.quorum.routing.control.MessageCommitted;
import dev.quorum.routing.control.OrganizationClosed;
import dev.quorum.routing.control.OrganizationNotice;
import dev.quorum.routing.control.RoleNotice;
import dev.quorum.routing.control.RoomAccessRevoked;
import dev.quorum.routing.control.StoredMessage;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Hands a committed message to every connection of its room: on this node directly, on the other nodes
 * of a cluster through the {@link ClusterBus}. The frame is encoded once and shared. Registered with the
 * services' {@link DeliveryHub} at start-up, it receives every change after its transaction committed.
 */
@ApplicationScoped
public class RoomFanout implements DeliverySink {

    @Inject
    ConnectionRegistry registry;

    // @EJB, not @Inject, on this hot path: through Weld's proxy every call makes Payara throw and catch an
    // IllegalArgumentException ("not a proxy instance"), a full stack trace each time
    @EJB
    ClusterBus cluster;

    @Inject
    DeliveryHub hub;

    /**
     * The highest sequence of each room this node has handed to its connections, raised before they are
     * looked up: a connection that entered the room after that look-up and reads this value afterwards
     * replays up to it, so nothing committed before it entered slips between its join and the fan-out.
     */
    private final Map<Long, Long> highestFannedOut = new ConcurrentHashMap<>();

    /** Told when a connection is taken out of a room, so presence forgets it there (set at start-up). */
    private volatile BiConsumer<LiveConnection, Long> departures = (connection, room) -> {};

    /** Who hears that a connection left a room it was taken out of: presence. */
    public void onDeparture(BiConsumer<LiveConnection, Long> listener) {
        departures = listener;
    }

    /** Start-up: receive committed changes from the services and what other nodes send. */
    public void connect() {
        hub.register(this);
        cluster.onMessage(this::received);
    }

    /** What another node sent. */
    private void received(ClusterMessage message) {
        long now = System.nanoTime();
        if (message instanceof ClusterMessage.RoomMessage m) {
            StoredMessage stored = MessageFrames.parse(m.frame());
            deliverLocally(stored, m.frame(), now);
        } else if (message instanceof ClusterMessage.DirectMessage m) {
            StoredMessage stored = MessageFrames.parse(m.frame());
            deliverDirectLocally(stored, m.frame(), m.organizationId(), m.members(), now);
        } else if (message instanceof ClusterMessage.RoomEvent m) {
            broadcastEventLocally(m.room(), m.exceptMember(), m.frame());
        } else if (message instanceof ClusterMessage.OrganizationFrame m) {
            broadcastToOrganizationLocally(m.organizationId(), m.roles(), m.frame());
        } else if (message instanceof ClusterMessage.Revocation m) {
            revokeLocally(m.room(), m.member());
        } else if (message instanceof ClusterMessage.Disconnect m) {
            disconnectLocally(m.organizationId(), m.member());
        }
    }

    @Override
    public void messageCommitted(MessageCommitted committed) {
        if (committed.audience().isDirect()) {
            deliverDirect(
                    committed.message(),
                    committed.audience().organizationId(),
                    committed.audience().directMembers(),
                    committed.receivedNanos());
        } else {
            deliver(committed.message(), committed.receivedNanos());
        }
    }

    @Override
    public void accessRevoked(RoomAccessRevoked revoked) {
        revoke(revoked.room(), revoked.member());
    }

    @Override
    public void roleNotice(RoleNotice notice) {
        broadcastToOrganization(
                notice.organizationId(),
                notice.roles(),
                MessageFrames.envelope(
                        notice.type(),
                        null,
                        JSON.createObjectBuilder(JSON.createReader(new java.io.StringReader(notice.payloadJson()))
                                .readObject())));
    }

    @Override
    public void organizationNotice(OrganizationNotice notice) {
        broadcastToOrganization(
                notice.organizationId(),
                Set.of(),
                MessageFrames.envelope(
                        "broadcast",
                        null,
                        JSON.createObjectBuilder()
                                .add("id", notice.id())
                                .add("priority", notice.priority().wireName())
                                .add("text", notice.text())
                                .add(
                                        "from",
                                        JSON.createObjectBuilder()
                                                .add("id", notice.fromMember())
                                                .add("displayName", notice.fromName()))
                                .add("sentAt", notice.sentAt().toString())));
    }

    @Override
    public void memberDisconnected(MemberDisconnected disconnected) {
        disconnect(disconnected.organizationId(), disconnected.member());
    }

    private void deliver(StoredMessage message, long receivedNanos) {
        String frame = MessageFrames.message(message);
        // the other nodes first: the topic only queues it, while writing to this node's connections takes a
        // while, and the other nodes' connections would wait for all of it
        cluster.publish(new ClusterMessage.RoomMessage(frame));
        deliverLocally(message, frame, receivedNanos);
    }

    /**
     * An ephemeral event (presence, typing) for everyone in the room, on every node, except the
     * connections of one member (null: nobody is excepted). Not persisted, not sequenced.
     */
    public void broadcastEvent(long room, String exceptMember, String frame) {
        cluster.publish(new ClusterMessage.RoomEvent(room, exceptMember, frame));
        broadcastEventLocally(room, exceptMember, frame);
    }

    private void broadcastEventLocally(long room, String exceptMember, String frame) {
        for (LiveConnection connection : registry.inRoom(room)) {
            if (exceptMember == null
                    || !exceptMember.equals(connection.identity().subject())) {
                connection.sendControl(frame);
            }
        }
    }

    /**
     * A direct message for every connection of the given members, on every node, whether or not they
     * joined the direct room: connections that had not are subscribed to it from this message on.
     */
    private void deliverDirect(
            StoredMessage message, long organizationId, java.util.Set<String> members, long receivedNanos) {
        String frame = MessageFrames.message(message);
        cluster.publish(new ClusterMessage.DirectMessage(organizationId, members, frame));
        deliverDirectLocally(message, frame, organizationId, members, receivedNanos);
    }

    private void deliverDirectLocally(
            StoredMessage message,
            String frame,
            long organizationId,
            java.util.Set<String> members,
            long receivedNanos) {
        highestFannedOut.merge(message.room(), message.sequence(), Math::max);
        for (LiveConnection connection : registry.all()) {
            if (connection.identity().organizationId() == organizationId
                    && members.contains(connection.identity().subject())) {
                if (!connection.isSubscribed(message.room())) {
                    connection.subscribe(message.room(), message.sequence() - 1, message.sequence() - 1);
                    registry.join(connection, message.room());
                }
                connection.deliver(message, frame, receivedNanos);
            }
        }
    }

    /** A frame for every connection of the organization, on every node. */
    private void broadcastToOrganization(long organizationId, Set<String> roles, String frame) {
        cluster.publish(new ClusterMessage.OrganizationFrame(organizationId, roles, frame));
        broadcastToOrganizationLocally(organizationId, roles, frame);
    }

    /** To every connection of the organization, or (roles not empty) of its members holding one of them. */
    private void broadcastToOrganizationLocally(long organizationId, Set<String> roles, String frame) {
        for (LiveConnection connection : registry.all()) {
            if (connection.identity().organizationId() == organizationId
                    && (roles.isEmpty() || roles.stream().anyMatch(connection.identity()::hasRole))) {
                connection.sendControl(frame);
            }
        }
    }

    /** Takes the member out of the room on every node at once: their connections stop receiving it. */
    private void revoke(long room, String subject) {
        cluster.publish(new ClusterMessage.Revocation(room, subject));
        revokeLocally(room, subject);
    }

    private void revokeLocally(long room, String subject) {
        for (LiveConnection connection : registry.inRoom(room)) {
            if (connection.identity().subject().equals(subject)) {
                remove(connection, room, "membership");
            }
        }
    }

    /**
     * Takes one connection out of a room it may no longer enter, and tells it why: {@code membership}
     * (an administrator removed the member) or {@code access} (a refreshed credential no longer allows it).
     */
    public void remove(LiveConnection connection, long room, String reason) {
        connection.unsubscribe(room);
        registry.leave(connection, room);
        departures.accept(connection, room);
        connection.sendControl(MessageFrames.envelope(
                "removed", null, JSON.createObjectBuilder().add("room", room).add("reason", reason)));
    }

    /** Closes every connection of the member, on every node. */
    @Override
    public void organizationClosed(OrganizationClosed closed) {
        disconnect(closed.organizationId(), null);
    }

    /** Closes every connection of the member, or of the whole organization when {@code subject} is null. */
    private void disconnect(long organizationId, String subject) {
        cluster.publish(new ClusterMessage.Disconnect(organizationId, subject));
        disconnectLocally(organizationId, subject);
    }

    private void disconnectLocally(long organizationId, String subject) {
        for (LiveConnection connection : registry.all()) {
            if (connection.identity().organizationId() == organizationId
                    && (subject == null || connection.identity().subject().equals(subject))) {
                connection.requestClose(CloseCodes.DISCONNECTED_BY_ADMIN.reason());
            }
        }
    }

    /** What a connection that has just entered the room should replay up to (see {@link #highestFannedOut}). */
    public long highestFannedOut(long room) {
        return highestFannedOut.getOrDefault(room, 0L);
    }

    private void deliverLocally(StoredMessage message, String frame, long receivedNanos) {
        highestFannedOut.merge(message.room(), message.sequence(), Math::max);
        for (LiveConnection connection : registry.inRoom(message.room())) {
            connection.deliver(message, frame, receivedNanos);
        }
    }
}
