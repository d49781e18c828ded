package dev.quorum.routing.control;

import dev.quorum.routing.control.RoomPublishing.Publication;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The publishes of one room waiting to be stored, taken in batches by one writer at a time: a room's lock is
 * so taken once per batch and its commit covers every message of the batch, instead of each publish queueing
 * for the lock through the commit of the one before.
 */
final class RoomPublishQueue {

    /** One publish and the answer its connection waits for. */
    record Waiting(Publication publication, CompletableFuture<PublishResult> outcome) {}

    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private boolean writing;

    /** How many publishes wait. */
    synchronized int size() {
        return waiting.size();
    }

    /** Queues a publish; true when no writer has the room and the caller must start one. */
    synchronized boolean add(Waiting publish) {
        waiting.add(publish);
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    /** The next batch, oldest first, at most max; none (and no writer any more) when nothing waits. */
    synchronized List<Waiting> next(int max) {
        List<Waiting> batch = new ArrayList<>(Math.min(max, waiting.size()));
        while (batch.size() < max && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        if (batch.isEmpty()) {
            writing = false;
        }
        return batch;
    }
}
