package dev.quorum.presence.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The presence changes of one room waiting for the cluster's map, applied together: a burst of joins into a
 * room becomes a few updates of its entry instead of one each, which queued behind each other (and retried
 * against each other across nodes) for up to a second per join.
 */
final class PendingChanges {

    /** One member's change and whoever waits for it. */
    record Pending(String member, UnaryOperator<RoomPresence> change, CompletableFuture<Void> done) {}

    private final List<Pending> waiting = new ArrayList<>();
    private boolean draining;

    /** Queues a change; true when nobody drains the queue yet and the caller must start doing so. */
    synchronized boolean add(Pending pending) {
        waiting.add(pending);
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    /** The changes to apply next, in the order they came; none (and nobody draining any more) when all are done. */
    synchronized List<Pending> next() {
        if (waiting.isEmpty()) {
            draining = false;
            return List.of();
        }
        List<Pending> batch = List.copyOf(waiting);
        waiting.clear();
        return batch;
    }
}
