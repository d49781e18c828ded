package dev.quorum.platform.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Work of one key (a room) handled by one thread at a time, in the order it came, in batches: whoever adds
 * to an idle queue starts a worker, which takes what waits, batch after batch, until nothing does. What
 * arrives while a batch is handled joins the next one.
 */
public final class BatchQueue<T> {

    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private boolean working;

    /** How much waits. */
    public synchronized int size() {
        return waiting.size();
    }

    /** Queues an item; true when no worker has the queue and the caller must start one. */
    public synchronized boolean add(T item) {
        waiting.add(item);
        if (working) {
            return false;
        }
        working = true;
        return true;
    }

    /** The next batch, oldest first, at most max; none (and no worker any more) when nothing waits. */
    public synchronized List<T> next(int max) {
        List<T> batch = new ArrayList<>(Math.min(max, waiting.size()));
        while (batch.size() < max && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        if (batch.isEmpty()) {
            working = false;
        }
        return batch;
    }
}
