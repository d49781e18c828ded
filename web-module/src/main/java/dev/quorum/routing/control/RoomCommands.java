package dev.quorum.routing.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.MessageFrames;
import dev.quorum.delivery.control.RoomFanout;
import dev.quorum.delivery.control.RoutingMetrics;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.limits.control.Limits;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.presence.control.PresenceTracker;
import dev.quorum.room.control.RoomAccess;
import dev.quorum.room.control.RoomAccess.RoomView;
import dev.quorum.routing.control.MessageLog.Bounds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The room messages of the protocol on a connection: join, leave, publish, direct, resume, history,
 * presence, typing, cursor and status. Each takes its decoded {@link RoomCommand}, checks what only the
 * connection knows (joined rooms, rate limits), makes one call on the service that owns the decision,
 * and answers through the connection's queue.
 */
@ApplicationScoped
public class RoomCommands {

    // @EJB, not @Inject, on this hot path: through Weld's proxy every call makes Payara throw and catch an
    // IllegalArgumentException ("not a proxy instance"), a full stack trace each time
    @EJB
    RoomAccess access;

    @Inject
    MessageLog log;

    @Inject
    RoomPublishing publishing;

    @Inject
    BatchedPublishing batches;

    @Inject
    ConnectionRegistry registry;

    @Inject
    RoutingMetrics metrics;

    @Inject
    Limits limits;

    @Inject
    PresenceTracker presence;

    @Inject
    RoomFanout fanout;

    public void join(LiveConnection connection, String replyTo, RoomCommand.Join join) {
        long room = join.room();
        RoomView view = access.authorize(connection.identity(), room);
        enter(connection, view, view.lastSequence());
        connection.sendControl(MessageFrames.envelope(
                "joined",
                replyTo,
                JSON.createObjectBuilder()
                        .add("room", room)
                        .add("name", view.name())
                        .add("kind", view.kind())
                        .add("lastSeq", view.lastSequence())));
        catchUp(connection, room);
    }

    /**
     * Follows a room without answering (for a feature's own message, as {@code doc.open}): from its last
     * sequence on, everything committed after is delivered.
     */
    public long follow(LiveConnection connection, long room) {
        RoomView view = access.authorize(connection.identity(), room);
        enter(connection, view, view.lastSequence());
        catchUp(connection, room);
        return view.lastSequence();
    }

    public void resume(LiveConnection connection, String replyTo, RoomCommand.Resume resume) {
        long room = resume.room();
        long after = resume.afterSequence();
        RoomView view = access.authorize(connection.identity(), room);
        Bounds bounds = log.bounds(room);
        if (after > bounds.last()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "afterSeq is beyond the room's last sequence " + bounds.last() + ".");
        }
        boolean beyondRetention =
                after < bounds.last() && (bounds.oldestRetained() == 0 || after + 1 < bounds.oldestRetained());
        long from = beyondRetention ? bounds.last() : after;
        enter(connection, view, from);
        if (beyondRetention) {
            connection.sendControl(MessageFrames.envelope(
                    "reset",
                    replyTo,
                    JSON.createObjectBuilder().add("room", room).add("lastSeq", bounds.last())));
        } else {
            connection.sendControl(MessageFrames.envelope(
                    "resumed",
                    replyTo,
                    JSON.createObjectBuilder()
                            .add("room", room)
                            .add("afterSeq", after)
                            .add("lastSeq", bounds.last())));
        }
        catchUp(connection, room);
    }

    /**
     * Subscribes the connection to the room after the given sequence, then registers it and its presence.
     * Subscribing first and catching up after the answer means nothing committed meanwhile is missed;
     * presence comes before the answer, so a client that got "joined" finds itself in "presence".
     */
    /**
     * What was committed between reading the room's last sequence and entering it reaches the connection:
     * this node's fan-out has handed the connection everything after it entered, and the connection
     * replays from the log what the fan-out handed out before (a message the cluster lost on its way here
     * is repaired as for any connection, by {@code RoomWatermarks}).
     */
    private void catchUp(LiveConnection connection, long room) {
        connection.catchUp(room, fanout.highestFannedOut(room));
    }

    private void enter(LiveConnection connection, RoomView room, long afterSequence) {
        connection.subscribe(room.id(), afterSequence, afterSequence);
        registry.join(connection, room.id());
        presence.arrived(connection, room.id(), room.kind());
    }

    public void leave(LiveConnection connection, String replyTo, RoomCommand.Leave leave) {
        long room = leave.room();
        connection.unsubscribe(room);
        registry.leave(connection, room);
        presence.left(connection, room);
        connection.sendControl(MessageFrames.envelope(
                "left", replyTo, JSON.createObjectBuilder().add("room", room)));
    }

    /**
     * Queues the publish to be stored with the room's others ({@link BatchedPublishing}) and acknowledges it
     * after the commit; the answer completes then, with the refusal if it was refused or failed.
     */
    public CompletionStage<PublishResult> publish(
            LiveConnection connection, String replyTo, RoomCommand.Publish publish, long receivedNanos) {
        if (!connection.isSubscribed(publish.room())) {
            throw new QuorumException(QuorumError.NOT_JOINED);
        }
        requirePublishAllowed(connection.identity());
        metrics.received("chat", publish.priority());
        return batches.publish(connection.identity(), publish, receivedNanos).whenComplete((result, failure) -> {
            if (failure == null) {
                if (result.duplicate()) {
                    metrics.duplicateSuppressed();
                }
                acknowledge(connection, replyTo, publish.clientId(), result);
            }
        });
    }

    public void direct(LiveConnection connection, String replyTo, RoomCommand.Direct direct, long receivedNanos) {
        MemberIdentity from = connection.identity();
        if (direct.to().equals(from.subject())) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A direct message goes to someone else.");
        }
        requirePublishAllowed(from);
        metrics.received("direct", direct.priority());
        PublishResult result = publishing.direct(from, direct, receivedNanos);
        if (result.duplicate()) {
            metrics.duplicateSuppressed();
        }
        acknowledge(connection, replyTo, direct.clientId(), result);
    }

    public void history(LiveConnection connection, String replyTo, RoomCommand.History history) {
        access.authorize(connection.identity(), history.room());
        List<StoredMessage> page = log.before(history.room(), history.beforeSequence(), history.limit() + 1);
        boolean hasMore = page.size() > history.limit();
        List<StoredMessage> messages = hasMore ? page.subList(1, page.size()) : page;
        connection.sendControl(MessageFrames.history(history.room(), messages, hasMore, replyTo));
    }

    public void presence(LiveConnection connection, String replyTo, RoomCommand.PresenceQuery query) {
        access.authorize(connection.identity(), query.room());
        connection.sendControl(presence.presenceFrame(query.room(), replyTo));
    }

    public void typing(LiveConnection connection, RoomCommand.Typing typing) {
        requireJoined(connection, typing.room());
        presence.typing(connection, typing.room());
    }

    public void cursor(LiveConnection connection, RoomCommand.Cursor cursor) {
        requireJoined(connection, cursor.room());
        presence.cursor(connection, cursor.room(), cursor.position());
    }

    public void status(LiveConnection connection, RoomCommand.Status status) {
        presence.status(connection, status.status());
    }

    private static void requireJoined(LiveConnection connection, long room) {
        if (!connection.isSubscribed(room)) {
            throw new QuorumException(QuorumError.NOT_JOINED);
        }
    }

    private void requirePublishAllowed(MemberIdentity member) {
        long wait = limits.publish(member.memberId());
        if (wait > 0) {
            throw new QuorumException(
                    QuorumError.RATE_LIMITED, "Publish limit reached: retry in " + wait + " ms.", wait);
        }
    }

    private static void acknowledge(LiveConnection connection, String replyTo, String clientId, PublishResult result) {
        connection.sendControl(MessageFrames.envelope(
                "ack",
                replyTo,
                JSON.createObjectBuilder()
                        .add("room", result.message().room())
                        .add("id", clientId)
                        .add("seq", result.message().sequence())
                        .add("duplicate", result.duplicate())));
    }
}
