package dev.quorum.routing.boundary;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.routing.boundary.OutboundQueue.Gap;
import dev.quorum.routing.boundary.OutboundQueue.Item;
import dev.quorum.routing.boundary.OutboundQueue.Offered;
import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.StoredMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket: its member, the rooms it receives with the last sequence queued for each, and its
 * bounded outbound queue with one send in flight. Live messages, replays and answers all pass through
 * here, under one lock, so a room's messages leave in sequence order with no gap and no duplicate: a
 * message that arrives ahead of its predecessors (another publisher committed first) makes the
 * connection read the missing ones from the message log first.
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
    private final Map<Long, Long> lastQueued = new HashMap<>();
    private final Map<Long, Long> catchUpTo = new LinkedHashMap<>();
    private boolean sending;
    private boolean closed;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private boolean overflowed;

    public LiveConnection(
            Session session, MemberIdentity identity, int queueCapacity, MessageSource source, Observer observer) {
        this.session = session;
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

    public synchronized void unsubscribe(long room) {
        lastQueued.remove(room);
        catchUpTo.remove(room);
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
                return;
            }
            if (message.sequence() > last + 1) {
                fill(message.room(), last, message.sequence() - 1);
            }
            if (!queue.isSuspended(message.room()) && lastQueued.containsKey(message.room())) {
                offerMessage(message, frame);
                observer.delivered(message, System.nanoTime() - receivedNanos);
            }
        }
        afterChange();
    }

    public synchronized int queueDepth() {
        return queue.size();
    }

    /** Anything arrived from the client: a frame or a pong. */
    public void received() {
        lastReceivedNanos = System.nanoTime();
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
        try {
            session.getAsyncRemote().sendPing(java.nio.ByteBuffer.wrap(new byte[] {'q'}));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "ping failed on " + id(), e);
        }
    }

    /** Whether the oldest high or critical frame has waited longer than allowed. */
    public synchronized boolean urgentOverdue(long limitNanos) {
        return queue.oldestUrgentWaitNanos(System.nanoTime()) > limitNanos;
    }

    public void close(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + id() + " failed", e);
        }
    }

    private void fill(long room, long after, long upTo) {
        long cursor = after;
        while (cursor < upTo && !queue.isSuspended(room)) {
            List<StoredMessage> page = source.range(room, cursor, upTo, REPLAY_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (StoredMessage missing : page) {
                offerMessage(missing, MessageFrames.message(missing));
            }
            observer.replayed(page.size());
            cursor = page.get(page.size() - 1).sequence();
        }
    }

    private void offerMessage(StoredMessage message, String frame) {
        lastQueued.put(message.room(), message.sequence());
        offer(new Item(message.room(), message.sequence(), message.priority(), frame, System.nanoTime()));
    }

    private void offer(Item item) {
        if (closed) {
            return;
        }
        Offered offered = queue.offer(item);
        offered.discarded().forEach(observer::dropped);
        for (Gap gap : offered.gaps()) {
            lastQueued.computeIfPresent(gap.room(), (room, last) -> Math.min(last, gap.resumeFrom() - 1));
            catchUpTo.remove(gap.room());
            // the notice itself must get through: it is what makes the loss recoverable
            queue.offer(Item.control(MessageFrames.gap(gap.room(), gap.resumeFrom()), System.nanoTime()));
        }
        if (offered.overflow()) {
            overflowed = true;
        }
    }

    /** Replays in pages while the queue has room, so a long backlog cannot push live messages out. */
    private void continueCatchUp() {
        Iterator<Map.Entry<Long, Long>> rooms = catchUpTo.entrySet().iterator();
        while (rooms.hasNext() && queue.size() < capacityHalf()) {
            Map.Entry<Long, Long> target = rooms.next();
            long room = target.getKey();
            long after = lastQueued.getOrDefault(room, target.getValue());
            List<StoredMessage> page = source.range(room, after, target.getValue(), REPLAY_PAGE);
            for (StoredMessage message : page) {
                offerMessage(message, MessageFrames.message(message));
            }
            observer.replayed(page.size());
            if (page.isEmpty() || page.get(page.size() - 1).sequence() >= target.getValue()) {
                rooms.remove();
            }
        }
    }

    private int capacityHalf() {
        return Math.max(1, queueCapacity / 2);
    }

    private void pump() {
        String json;
        synchronized (this) {
            if (sending || closed) {
                return;
            }
            if (!catchUpTo.isEmpty()) {
                continueCatchUp();
            }
            Item next = queue.poll();
            if (next == null) {
                return;
            }
            sending = true;
            json = next.json();
        }
        try {
            session.getAsyncRemote().sendText(json, result -> {
                synchronized (this) {
                    sending = false;
                }
                if (result.isOK()) {
                    afterChange();
                } else {
                    LOG.log(Level.FINE, "send failed on " + id(), result.getException());
                    close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
                }
            });
        } catch (RuntimeException e) {
            synchronized (this) {
                sending = false;
            }
            LOG.log(Level.FINE, "send failed on " + id(), e);
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
            close(CloseCodes.SLOW_CONSUMER.reason());
            return;
        }
        pump();
    }
}
