package dev.quorum.routing.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.BatchQueue;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.RoomPublishing.Publication;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chat publishes into rooms, stored in batches by a few writer threads: the publishes that arrive in a room
 * while its previous batch is being stored wait and are stored together, in one transaction
 * ({@link BatchQueue}): a room's lock is so taken once per batch and its commit covers every message of
 * the batch, instead of each publish queueing for the lock through the commit of the one before. A
 * connection does not wait for its publish to be stored before its next frame is read; each publish is
 * answered after the commit that stored it, and a room's publishes keep their order.
 */
@ApplicationScoped
public class BatchedPublishing {

    /** One publish and the answer its connection waits for. */
    record Waiting(Publication publication, CompletableFuture<PublishResult> outcome) {}

    /** At most this many publishes per transaction, so that one batch's commit stays short. */
    static final int MAX_BATCH = 200;

    /** Publishes waiting in one room beyond which new ones are refused for a moment, not queued without end. */
    static final int MAX_WAITING = 20_000;

    // @EJB, not @Inject, on this hot path: through Weld's proxy every call makes Payara throw and catch an
    // IllegalArgumentException ("not a proxy instance"), a full stack trace each time
    @EJB
    RoomPublishing publishing;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "quorum.publish.writers", defaultValue = "8")
    int writerCount;

    private final Map<Long, BatchQueue<Waiting>> queues = new ConcurrentHashMap<>();
    private ExecutorService writers;

    @PostConstruct
    void start() {
        writers = Executors.newFixedThreadPool(writerCount, threads);
    }

    @PreDestroy
    void stop() {
        writers.shutdown();
    }

    /** The publish's answer, once stored (or refused); a failed transaction fails every publish it held. */
    public CompletableFuture<PublishResult> publish(
            MemberIdentity sender, RoomCommand.Publish chat, long receivedNanos) {
        long room = chat.room();
        BatchQueue<Waiting> queue = queues.computeIfAbsent(room, r -> new BatchQueue<>());
        if (queue.size() >= MAX_WAITING) {
            throw new QuorumException(
                    QuorumError.UNAVAILABLE,
                    "The room has too many messages waiting to be stored; retry shortly.",
                    1000);
        }
        // checked here, on the publisher's thread: a refusal is answered at once, and the room's writer only stores
        RoomPublishing.Screened screened = publishing.screen(sender, chat);
        Waiting mine = new Waiting(new Publication(sender, chat, receivedNanos, screened), new CompletableFuture<>());
        if (queue.add(mine)) {
            startWriting(room, queue);
        }
        return mine.outcome();
    }

    private void startWriting(long room, BatchQueue<Waiting> queue) {
        try {
            writers.execute(() -> writeOneBatch(room, queue));
        } catch (RejectedExecutionException stopping) {
            for (List<Waiting> batch = queue.next(MAX_BATCH); !batch.isEmpty(); batch = queue.next(MAX_BATCH)) {
                batch.forEach(w -> w.outcome()
                        .completeExceptionally(
                                new QuorumException(QuorumError.UNAVAILABLE, "The server is stopping.", 1000)));
            }
        }
    }

    /** Stores one batch, then queues the room again behind the other rooms' batches if more waits. */
    private void writeOneBatch(long room, BatchQueue<Waiting> queue) {
        List<Waiting> batch = queue.next(MAX_BATCH);
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<PublishResult> outcomes = publishing.publishAll(
                    room, batch.stream().map(Waiting::publication).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException | Error failure) {
            // the database failed the transaction (or its outcome is unknown): the same answer for all of it
            batch.forEach(w -> w.outcome().completeExceptionally(failure));
        } finally {
            startWriting(room, queue);
        }
    }
}
