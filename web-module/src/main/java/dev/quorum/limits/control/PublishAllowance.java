package dev.quorum.limits.control;

import java.util.Arrays;

/**
 * A member's publish limits, exact to the message: at most {@code sustained} accepted publishes in any
 * sliding window of {@code sustainedWindow}, and at most {@code burst} in any window of {@code
 * burstWindow}. It remembers the times of the last accepted publishes (as many as the larger limit, grown
 * on demand), so a refusal can say exactly when the next publish will be accepted. Refused publishes
 * cost nothing. Thread-safe; time is passed in so that tests need no clock.
 */
public final class PublishAllowance {

    private final int sustained;
    private final long sustainedWindowNanos;
    private final int burst;
    private final long burstWindowNanos;
    private final int capacity;

    /** Accepted times, oldest at {@code head}; a ring of {@code size} entries. */
    private long[] accepted = new long[16];

    private int head;
    private int size;

    public PublishAllowance(int sustained, long sustainedWindowNanos, int burst, long burstWindowNanos) {
        if (sustained < 1 || burst < 1) {
            throw new IllegalArgumentException("limits are at least 1");
        }
        this.sustained = sustained;
        this.sustainedWindowNanos = sustainedWindowNanos;
        this.burst = burst;
        this.burstWindowNanos = burstWindowNanos;
        this.capacity = Math.max(sustained, burst);
    }

    /** Records a publish and answers 0, or answers how many nanoseconds until one will be accepted. */
    public synchronized long tryTake(long nowNanos) {
        long wait = Math.max(
                waitFor(sustained, sustainedWindowNanos, nowNanos), waitFor(burst, burstWindowNanos, nowNanos));
        if (wait > 0) {
            return wait;
        }
        record(nowNanos);
        return 0;
    }

    /** Whether no limit would remember anything now, so that the allowance can be forgotten. */
    public synchronized boolean isIdle(long nowNanos) {
        return size == 0 || nowNanos - newest() >= Math.max(sustainedWindowNanos, burstWindowNanos);
    }

    /** The limit admits one more when its limit-th most recent publish has left the window. */
    private long waitFor(int limit, long windowNanos, long nowNanos) {
        if (size < limit) {
            return 0;
        }
        long leavesWindowAt = recent(limit) + windowNanos;
        return Math.max(0, leavesWindowAt - nowNanos);
    }

    /** The n-th most recent accepted time (1 = the newest). */
    private long recent(int n) {
        return accepted[(head + size - n) % accepted.length];
    }

    private long newest() {
        return recent(1);
    }

    private void record(long nowNanos) {
        if (size == accepted.length && accepted.length < capacity) {
            long[] grown = new long[(int) Math.min(capacity, accepted.length * 2L)];
            for (int i = 0; i < size; i++) {
                grown[i] = accepted[(head + i) % accepted.length];
            }
            accepted = grown;
            head = 0;
        }
        if (size == accepted.length) {
            // full at the largest limit: the oldest time no longer matters to any window
            accepted[head] = nowNanos;
            head = (head + 1) % accepted.length;
        } else {
            accepted[(head + size) % accepted.length] = nowNanos;
            size++;
        }
    }

    @Override
    public synchronized String toString() {
        return "PublishAllowance" + Arrays.toString(new int[] {sustained, burst, size});
    }
}
