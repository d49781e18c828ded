package dev.quorum.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.StoredMessage;
import jakarta.json.Json;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A connection's ordering and its replays: messages arriving ahead of their predecessors are replayed
 * from the log, in order and once, and the log is never read under the connection's lock or on the
 * thread that delivered.
 */
class LiveConnectionTest {

    private static final long ROOM = 7;

    /** The room's log: every message up to the newest committed one. */
    private final List<StoredMessage> log = new ArrayList<>();

    /** Replays wait here until the test runs them, as a managed executor's thread would. */
    private final Queue<Runnable> replays = new ArrayDeque<>();

    private final List<String> sent = new ArrayList<>();

    /** A client that reads nothing: its first send never completes. */
    private boolean stalled;

    /** The transport closed the session already: closing it again throws, as Tyrus does. */
    private boolean closedByTransport;

    private final List<Boolean> readUnderLock = new ArrayList<>();
    private final List<jakarta.websocket.CloseReason> closes = new ArrayList<>();
    private int pings;
    private LiveConnection connection;

    private LiveConnection open() {
        connection = new LiveConnection(
                session(),
                new MemberIdentity(1, "alice", "Alice", 1, "acme", "Acme", Set.of("member"), Instant.MAX),
                64,
                (room, after, upTo, limit) -> {
                    readUnderLock.add(Thread.holdsLock(connection));
                    return log.stream()
                            .filter(m -> m.room() == room && m.sequence() > after && m.sequence() <= upTo)
                            .limit(limit)
                            .toList();
                },
                new LiveConnection.Observer() {
                    @Override
                    public void dropped(Priority priority, int count) {}

                    @Override
                    public void delivered(StoredMessage message, long latencyNanos) {}

                    @Override
                    public void replayed(int count) {}
                },
                replays::add);
        return connection;
    }

    private StoredMessage commit(long sequence) {
        return commit(sequence, Priority.NORMAL);
    }

    private StoredMessage commit(long sequence, Priority priority) {
        StoredMessage message = new StoredMessage(
                ROOM,
                sequence,
                priority,
                "chat",
                "{\"text\":\"m" + sequence + "\"}",
                "bob",
                "Bob",
                "c" + sequence,
                Instant.now());
        log.add(message);
        return message;
    }

    private void deliver(StoredMessage message) {
        connection.deliver(message, MessageFrames.message(message), System.nanoTime());
    }

    private List<Long> sentSequences() {
        return sent.stream()
                .map(json -> Json.createReader(new java.io.StringReader(json)).readObject())
                .filter(frame -> "message".equals(frame.getString("type")))
                .map(frame -> frame.getJsonObject("data").getJsonNumber("seq").longValue())
                .toList();
    }

    @Test
    void inOrderMessagesGoStraightOut() {
        open().subscribe(ROOM, 0, 0);
        deliver(commit(1));
        deliver(commit(2));
        assertEquals(List.of(1L, 2L), sentSequences());
        assertTrue(replays.isEmpty(), "nothing to replay");
    }

    @Test
    void aMessageAheadOfItsPredecessorsIsReplayedWithThemOffTheDeliveringThread() {
        open().subscribe(ROOM, 0, 0);
        deliver(commit(1));
        commit(2);
        commit(3); // committed on another node; their deliveries have not arrived
        deliver(commit(4));
        assertEquals(List.of(1L), sentSequences(), "4 waits for 2 and 3");
        assertTrue(readUnderLock.isEmpty(), "the delivering thread did not read the log");
        runReplays();
        assertEquals(List.of(1L, 2L, 3L, 4L), sentSequences());
        assertFalse(readUnderLock.contains(true), "the log is never read under the connection's lock");
        // the late deliveries of 2 and 3 change nothing
        deliver(log.get(1));
        deliver(log.get(2));
        deliver(commit(5));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sentSequences());
    }

    @Test
    void deliveriesDuringAReplayExtendIt() {
        open().subscribe(ROOM, 0, 0);
        commit(1);
        deliver(commit(2));
        deliver(commit(3));
        deliver(commit(4));
        runReplays();
        assertEquals(List.of(1L, 2L, 3L, 4L), sentSequences(), "once each, in order");
    }

    @Test
    void aRepairReplaysALostLastMessage() {
        open().subscribe(ROOM, 0, 0);
        deliver(commit(1));
        commit(2); // its delivery was lost between nodes, and no later message comes
        assertTrue(connection.repair(ROOM, 2), "behind the log");
        runReplays();
        assertEquals(List.of(1L, 2L), sentSequences());
        assertFalse(connection.repair(ROOM, 2), "up to date now");
    }

    @Test
    void aRepairLeavesASlowConnectionToItsLiveTraffic() {
        stalled = true;
        open().subscribe(ROOM, 0, 0);
        for (int i = 1; i <= 40; i++) {
            deliver(commit(i));
        }
        commit(41);
        assertFalse(connection.repair(ROOM, 41), "its queue is half full: live messages and gaps tell it the rest");
        assertTrue(replays.isEmpty());
    }

    @Test
    void anUrgentMessageHeldInAReplayThatCannotRunCountsAsWaiting() throws InterruptedException {
        stalled = true;
        open().subscribe(ROOM, 0, 0);
        for (int i = 1; i <= 40; i++) {
            deliver(commit(i));
        }
        commit(41); // committed elsewhere, its delivery not here yet
        deliver(commit(42, Priority.NORMAL));
        Thread.sleep(5);
        assertFalse(connection.urgentOverdue(1_000_000), "only normal messages wait");
        deliver(commit(43, Priority.CRITICAL)); // folded into the replay the full queue holds back
        Thread.sleep(5);
        assertTrue(connection.urgentOverdue(1_000_000), "the critical message waits too: the watchdog may close");
    }

    private void runReplays() {
        while (!replays.isEmpty()) {
            replays.poll().run();
        }
    }

    /**
     * The watchdog closes a connection whose peer went away meanwhile: Tyrus says the session is closed
     * already, which must not escape (it aborted the watchdog's round over every other connection).
     */
    @Test
    void closingAConnectionTheTransportClosedFirstIsQuiet() {
        open();
        closedByTransport = true;
        connection.close(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY, "x"));
        connection.close(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY, "x"));
    }

    /**
     * A close asked for from another thread is not done there: the client is pinged, nothing more is queued,
     * and the close happens when the reading thread sees the client's answer, with the reason asked for.
     */
    @Test
    void aRequestedCloseWaitsForTheReadingThread() {
        open();
        connection.requestClose(CloseCodes.DISCONNECTED_BY_ADMIN.reason());
        connection.requestClose(CloseCodes.DELIVERY_TIMEOUT.reason());
        assertEquals(1, pings, "the client is asked for a pong, once");
        assertTrue(closes.isEmpty(), "not closed on the requesting thread");
        assertTrue(connection.closeRequested());
        deliver(commit(1));
        assertTrue(sent.isEmpty(), "nothing is queued for a connection about to close");
        assertFalse(connection.closeIfRequestUnanswered(java.util.concurrent.TimeUnit.SECONDS.toNanos(60)));
        assertTrue(connection.received(), "the client's answer, read: closed");
        assertEquals(1, closes.size());
        assertEquals(4003, closes.get(0).getCloseCode().getCode(), "the first reason asked for");
        connection.received();
        assertEquals(1, closes.size(), "closed once");
    }

    /** A client that answers nothing is closed after the grace, from wherever the check runs. */
    @Test
    void aRequestedCloseNobodyAnswersIsDoneAfterTheGrace() {
        open();
        assertFalse(connection.received(), "nothing was requested");
        connection.requestClose(CloseCodes.DELIVERY_TIMEOUT.reason());
        assertTrue(connection.closeIfRequestUnanswered(0));
        assertFalse(connection.closeIfRequestUnanswered(0), "true only for the call that closed it");
        assertEquals(
                List.of(4009),
                closes.stream().map(r -> r.getCloseCode().getCode()).toList());
    }

    /** A session whose sends complete at once, recording the text. */
    private Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendPing")) {
                        pings++;
                    }
                    if (method.getName().equals("sendText") && args.length == 2) {
                        sent.add((String) args[0]);
                        if (!stalled) {
                            ((SendHandler) args[1]).onResult(new SendResult());
                        }
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "test-session";
                    case "getAsyncRemote" -> remote;
                    case "isOpen" -> !closedByTransport;
                    case "close" -> {
                        if (closedByTransport) {
                            throw new IllegalStateException("The connection has been closed.");
                        }
                        closes.add(args == null ? null : (jakarta.websocket.CloseReason) args[0]);
                        yield null;
                    }
                    default -> null;
                });
    }
}
