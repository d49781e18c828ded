package dev.quorum.platform.control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails fast while the database is known to be unreachable: once a request found it gone, requests at the
 * edges (handshakes, frames, REST calls) are answered {@code UNAVAILABLE} at once instead of each waiting
 * seconds for a connection. Every {@link #PROBE_INTERVAL_NANOS} one request is let through as a probe; when
 * it (or any request) gets its answer, the edges report {@link #passed} and the fail-fast ends. One state
 * per application.
 */
public final class DatabaseOutage {

    static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2_500);

    /** Until when requests fail fast; 0 when the database is not known to be down. */
    private static final AtomicLong FAIL_FAST_UNTIL = new AtomicLong();

    private DatabaseOutage() {}

    /** A request found the database unreachable. */
    static void reported(long nowNanos) {
        FAIL_FAST_UNTIL.set(nowNanos + PROBE_INTERVAL_NANOS);
    }

    /** Refuses with UNAVAILABLE while failing fast; lets the caller through (perhaps as the probe) otherwise. */
    public static void check() {
        check(System.nanoTime());
    }

    static void check(long nowNanos) {
        long until = FAIL_FAST_UNTIL.get();
        if (until == 0) {
            return;
        }
        if (nowNanos < until) {
            long waitMillis = TimeUnit.NANOSECONDS.toMillis(until - nowNanos) + 1;
            throw new QuorumException(QuorumError.UNAVAILABLE, QuorumError.UNAVAILABLE.message(), waitMillis);
        }
        // the window is over: this request probes; the others fail fast until it has an answer
        if (!FAIL_FAST_UNTIL.compareAndSet(until, nowNanos + PROBE_INTERVAL_NANOS)) {
            check(nowNanos);
        }
    }

    /** A request that needed the database got its answer: whatever outage there was is over. */
    public static void passed() {
        if (FAIL_FAST_UNTIL.get() != 0) {
            FAIL_FAST_UNTIL.set(0);
        }
    }

    /** Whether requests are failing fast now: for the metric and the readiness check. */
    public static boolean failingFast() {
        long until = FAIL_FAST_UNTIL.get();
        return until != 0 && System.nanoTime() < until;
    }

    /** For tests: forgets any outage. */
    static void reset() {
        FAIL_FAST_UNTIL.set(0);
    }
}
