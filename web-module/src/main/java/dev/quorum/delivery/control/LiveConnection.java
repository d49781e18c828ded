package dev.quorum.delivery.control;

import dev.quorum.delivery.control.OutboundQueue.Gap;
import dev.quorum.delivery.control.OutboundQueue.Item;
import dev.quorum.delivery.control.OutboundQueue.Offered;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.StoredMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket: its member, the rooms it receives with the last sequence queued for each, and its
 * bounded outbound queue with one send in flight. Live messages, replays and answers all pass through
 * here, under one lock, so a room's messages leave in sequence order with no gap and no duplicate: a
 * message that arrives ahead of its predecessors (another publisher committed first) makes the
 * connection read the missing ones from the message log first. The log is never read under the lock nor
 * on the thread that delivers or completes a send: replays run on the given executor, one at a time.
 */
public final class LiveConnection {

    private static final Logger LOG = Logger.getLogger(LiveConnection.class.getName());

    /** Where replays and gap fills are read from; the message log in production. */
    public interface MessageSource {
        List<StoredMessage> range(long room, long afterSequence, long upTo, int limit);
    }

    /** What the connection reports to metrics. */
    public interface Observer {
        void dropped(Priority priority, int count);

        void delivered(StoredMessage message, long latencyNanos);

        void replayed(int count);
    }

    static final int REPLAY_PAGE = 200;

    private final Session session;
    private volatile MemberIdentity identity;
    private volatile boolean expiryAnnounced;
    private final MessageSource source;
    private final Observer observer;
    private final OutboundQueue queue;
    private final int queueCapacity;
    private final Executor replays;
    private boolean replayScheduled;
    private long foldedUrgentSinceNanos;
    private final Map<Long, Long> lastQueued = new HashMap<>();
    private final Map<Long, Long> catchUpTo = new LinkedHashMap<>();
    private boolean sending;
    private boolean closed;
    /** A close asked for by another thread than the connection's reader, and since when (see requestClose). */
    private volatile CloseReason closeRequested;

    private volatile long closeRequestedAtNanos;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private volatile long unansweredPingSinceNanos;
    private boolean overflowed;
    private final ClassLoader applicationLoader = Thread.currentThread().getContextClassLoader();

    public LiveConnection(
            Session session,
            MemberIdentity identity,
            int queueCapacity,
            MessageSource source,
            Observer observer,
            Executor replays) {
        this.session = session;
        this.replays = replays;
        this.identity = identity;
        this.source = source;
        this.observer = observer;
        this.queue = new OutboundQueue(queueCapacity);
        this.queueCapacity = queueCapacity;
    }

    public String id() {
        return session.getId();
    }

    public MemberIdentity identity() {
        return identity;
    }

    /** The connection now runs on a refreshed credential of the same member. */
    public void reauthenticate(MemberIdentity renewed) {
        if (renewed.memberId() != identity.memberId()) {
            throw new IllegalArgumentException("a connection cannot change its member");
        }
        identity = renewed;
        expiryAnnounced = false;
    }

    /** True once per credential: the first time its expiry is noticed. */
    public boolean announceExpiry() {
        if (expiryAnnounced) {
            return false;
        }
        expiryAnnounced = true;
        return true;
    }

    /** An answer, error or notice: never dropped. */
    public void sendControl(String json) {
        synchronized (this) {
            offer(Item.control(json, System.nanoTime()));
        }
        afterChange();
    }

    /** Starts receiving the room after the given sequence: what is missing up to upTo is replayed. */
    public void subscribe(long room, long afterSequence, long upTo) {
        synchronized (this) {
            lastQueued.put(room, afterSequence);
            queue.resume(room);
            if (upTo > afterSequence) {
                catchUpTo.put(room, upTo);
            }
        }
        afterChange();
    }

    /** Replays what the room has up to upTo that this connection has not queued yet. */
    public void catchUp(long room, long upTo) {
        synchronized (this) {
            Long last = lastQueued.get(room);
            if (last == null || upTo <= last || queue.isSuspended(room)) {
                return;
            }
            catchUpTo.merge(room, upTo, Math::max);
        }
        afterChange();
    }

    /**
     * Replays the room up to upTo if this connection has queued less and is otherwise idle in that room: no
     * replay pending, not suspended, its queue less than half full. A connection that is slow anyway learns
     * of what it misses from its next message (or its gap), so a repair never holds back its live traffic.
     */
    public boolean repair(long room, long upTo) {
        synchronized (this) {
            Long last = lastQueued.get(room);
            if (last == null
                    || upTo <= last
                    || queue.isSuspended(room)
                    || catchUpTo.containsKey(room)
                    || queue.size() >= capacityHalf()) {
                return false;
            }
            catchUpTo.put(room, upTo);
        }
        afterChange();
        return true;
    }

    public synchronized void unsubscribe(long room) {
        lastQueued.remove(room);
        endCatchUp(room);
    }

    public synchronized boolean isSubscribed(long room) {
        return lastQueued.containsKey(room);
    }

    public synchronized Set<Long> rooms() {
        return Set.copyOf(lastQueued.keySet());
    }

    /** A committed message of a room this connection may receive, with its encoded frame. */
    public void deliver(StoredMessage message, String frame, long receivedNanos) {
        synchronized (this) {
            Long last = lastQueued.get(message.room());
            if (last == null || message.sequence() <= last || queue.isSuspended(message.room())) {
                return;
            }
            if (catchUpTo.containsKey(message.room())) {
                // a replay is running: extend it, the message will be read with the rest
                catchUpTo.merge(message.room(), message.sequence(), Math::max);
                noteFoldedUrgent(message);
            } else if (message.sequence() > last + 1) {
                // predecessors are missing (committed elsewhere, not here yet): replay them, this one with them
                catchUpTo.put(message.room(), message.sequence());
                noteFoldedUrgent(message);
            } else {
                offerMessage(message, frame);
                observer.delivered(message, System.nanoTime() - receivedNanos);
            }
        }
        afterChange();
    }

    public synchronized int queueDepth() {
        return queue.size();
    }

    /**
     * Anything arrived from the client (a frame or a pong), seen on the connection's reading thread: carries
     * out a requested close there; true if it did, and the frame is not to be read.
     */
    public boolean received() {
        lastReceivedNanos = System.nanoTime();
        unansweredPingSinceNanos = 0;
        return closeIfRequested();
    }

    /**
     * Whether a ping has gone unanswered, and nothing else arrived, for longer than the interval: every
     * WebSocket client answers pings by itself, so the transport is dead (reset without a close) or the
     * client stopped reading altogether.
     */
    public boolean pingUnanswered(long intervalNanos) {
        long since = unansweredPingSinceNanos;
        return since != 0 && System.nanoTime() - since > intervalNanos;
    }

    public boolean idleLongerThan(long nanos) {
        return System.nanoTime() - lastReceivedNanos > nanos;
    }

    /** Pings the client when the last ping is older than the interval; a live client answers with a pong. */
    public void pingIfDue(long intervalNanos) {
        long now = System.nanoTime();
        if (now - lastPingNanos < intervalNanos || closed) {
            return;
        }
        lastPingNanos = now;
        if (unansweredPingSinceNanos == 0) {
            unansweredPingSinceNanos = now;
        }
        try {
            session.getAsyncRemote().sendPing(java.nio.ByteBuffer.wrap(new byte[] {'q'}));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "ping failed on " + id(), e);
        }
    }

    /**
     * Whether the oldest high or critical frame has waited longer than allowed, queued or still to be
     * replayed: a client that reads nothing holds its replay back (the queue stays half full), and the
     * urgent messages folded into that replay wait as much as queued ones.
     */
    public synchronized boolean urgentOverdue(long limitNanos) {
        long now = System.nanoTime();
        long folded = foldedUrgentSinceNanos == 0 ? 0 : now - foldedUrgentSinceNanos;
        return Math.max(queue.oldestUrgentWaitNanos(now), folded) > limitNanos;
    }

    /** The room needs no replay any more; with none left, no folded urgent message waits either. */
    private void endCatchUp(long room) {
        catchUpTo.remove(room);
        if (catchUpTo.isEmpty()) {
            foldedUrgentSinceNanos = 0;
        }
    }

    /** A high or critical message was folded into a replay instead of being queued: its wait starts now. */
    private void noteFoldedUrgent(StoredMessage message) {
        boolean urgent = message.priority() == Priority.CRITICAL || message.priority() == Priority.HIGH;
        if (urgent && foldedUrgentSinceNanos == 0) {
            foldedUrgentSinceNanos = System.nanoTime();
        }
    }

    /**
     * Closes the connection soon, on the thread that reads it. Closing an upgraded connection finishes its
     * HTTP request and hands the request's objects back to the container's pool; done from another thread
     * (a timer, a fan-out, a REST call) while the reading thread handles the client's next bytes or its
     * disconnect, the container recycled them twice, and a later handshake got a request without a
     * connection: it was refused with INTERNAL_ERROR or never welcomed (seen in CI runs). So this asks the
     * client for a pong and stops queueing; the close happens where the pong (or any frame) is read
     * ({@link #closeIfRequested}), or, from a client that answers nothing, after a grace
     * ({@link #closeIfRequestUnanswered}): such a client is not sending either.
     */
    public void requestClose(CloseReason reason) {
        synchronized (this) {
            if (closed || closeRequested != null) {
                return;
            }
            closeRequestedAtNanos = System.nanoTime();
            closeRequested = reason;
        }
        try {
            session.getAsyncRemote().sendPing(java.nio.ByteBuffer.wrap(new byte[] {'c'}));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "ping before closing failed on " + id(), e);
        }
    }

    /** Whether a close was asked for and is not done yet, or done. */
    public boolean closeRequested() {
        return closeRequested != null;
    }

    /** On the connection's reading thread: carries out a requested close; true if it did (now or before). */
    boolean closeIfRequested() {
        CloseReason reason = closeRequested;
        if (reason == null) {
            return false;
        }
        close(reason);
        return true;
    }

    /**
     * Carries out a requested close that the client has not answered for longer than the grace; true only
     * for the call that closed it.
     */
    public boolean closeIfRequestUnanswered(long graceNanos) {
        CloseReason reason = closeRequested;
        if (reason == null || System.nanoTime() - closeRequestedAtNanos <= graceNanos) {
            return false;
        }
        return closeOnce(reason);
    }

    /** Closes the connection at once: from its reading thread, or where it is known to read nothing any more. */
    public void close(CloseReason reason) {
        closeOnce(reason);
    }

    /** Closes the connection unless it was already; true if this call closed it. */
    private boolean closeOnce(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: the transport closed it first (a peer that went away); closed either way
            LOG.log(Level.FINE, "closing " + id() + " failed", e);
        }
        return true;
    }

    private void offerMessage(StoredMessage message, String frame) {
        lastQueued.put(message.room(), message.sequence());
        offer(new Item(message.room(), message.sequence(), message.priority(), frame, System.nanoTime()));
    }

    private void offer(Item item) {
        if (closed || closeRequested != null) {
            return;
        }
        Offered offered = queue.offer(item);
        offered.discarded().forEach(observer::dropped);
        for (Gap gap : offered.gaps()) {
            lastQueued.computeIfPresent(gap.room(), (room, last) -> Math.min(last, gap.resumeFrom() - 1));
            endCatchUp(gap.room());
            // the notice itself must get through: it is what makes the loss recoverable
            queue.offer(Item.control(MessageFrames.gap(gap.room(), gap.resumeFrom()), System.nanoTime()));
        }
        if (offered.overflow()) {
            overflowed = true;
        }
    }

    /**
     * Replays what the rooms being caught up miss, a page at a time: read from the log without the lock,
     * queued under it if nothing changed meanwhile. Stops while the queue is half full, so a long backlog
     * cannot push live messages out; sends that drain the queue start it again.
     */
    private void replay() {
        try {
            while (true) {
                long room;
                long after;
                long upTo;
                synchronized (this) {
                    if (closed || catchUpTo.isEmpty() || queue.size() >= capacityHalf()) {
                        return;
                    }
                    Map.Entry<Long, Long> target =
                            catchUpTo.entrySet().iterator().next();
                    room = target.getKey();
                    upTo = target.getValue();
                    Long last = lastQueued.get(room);
                    if (last == null || last >= upTo || queue.isSuspended(room)) {
                        endCatchUp(room);
                        continue;
                    }
                    after = last;
                }
                List<StoredMessage> page = source.range(room, after, upTo, REPLAY_PAGE);
                synchronized (this) {
                    Long last = lastQueued.get(room);
                    if (last == null || last != after || !catchUpTo.containsKey(room)) {
                        continue; // left, resumed or cut meanwhile: look again
                    }
                    for (StoredMessage message : page) {
                        if (lastQueued.containsKey(room) && !queue.isSuspended(room)) {
                            offerMessage(message, MessageFrames.message(message));
                        }
                    }
                    observer.replayed(page.size());
                    if (page.isEmpty() || page.get(page.size() - 1).sequence() >= catchUpTo.getOrDefault(room, 0L)) {
                        endCatchUp(room);
                    }
                }
                afterChange();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Replaying missed messages failed on " + id() + "; the next delivery retries: " + e);
        } finally {
            synchronized (this) {
                replayScheduled = false;
            }
            afterChange();
        }
    }

    private int capacityHalf() {
        return Math.max(1, queueCapacity / 2);
    }

    private void pump() {
        String json;
        boolean startReplay = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!catchUpTo.isEmpty() && !replayScheduled && queue.size() < capacityHalf()) {
                replayScheduled = true;
                startReplay = true;
            }
        }
        if (startReplay) {
            try {
                replays.execute(this::replay);
            } catch (RuntimeException e) {
                synchronized (this) {
                    replayScheduled = false;
                }
                LOG.log(Level.WARNING, "Could not start a replay on " + id() + ": " + e);
            }
        }
        synchronized (this) {
            if (sending || closed) {
                return;
            }
            Item next = queue.poll();
            if (next == null) {
                return;
            }
            sending = true;
            json = next.json();
        }
        try {
            // Tyrus reschedules its idle timeout at every send; on Payara's managed executor (where it stays
            // if WebSocketTimers could not replace it) the task's context capture scans the context class
            // loader's jars with a ServiceLoader, which cost more than the rest of a delivery. The task needs
            // nothing of the application, so the send runs with the platform loader, whose scan is short;
            // the completion runs with the application's.
            ContextLoader.run(ContextLoader.PLATFORM, () -> session.getAsyncRemote()
                    .sendText(json, result -> ContextLoader.run(applicationLoader, () -> sent(result))));
        } catch (RuntimeException e) {
            synchronized (this) {
                sending = false;
            }
            LOG.log(Level.FINE, "send failed on " + id(), e);
        }
    }

    private void sent(SendResult result) {
        synchronized (this) {
            sending = false;
        }
        if (result.isOK()) {
            afterChange();
        } else {
            LOG.log(Level.FINE, "send failed on " + id(), result.getException());
            close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
        }
    }

    /** Closes a connection whose queue overflowed (outside the lock), or sends what is queued. */
    private void afterChange() {
        boolean overflow;
        synchronized (this) {
            overflow = overflowed && !closed;
        }
        if (overflow) {
            LOG.info(() -> String.format(
                    "Closing slow consumer session=%s member=%s: its queue is full of urgent frames",
                    id(), identity.logName()));
            requestClose(CloseCodes.SLOW_CONSUMER.reason());
            return;
        }
        pump();
    }
}
