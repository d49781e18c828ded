package dev.quorum.platform.control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails fast while the database is known to be unreachable: once a request found it gone, requests at the
 * edges (handshakes, frames, REST calls) are answered {@code UNAVAILABLE} at once instead of each waiting
 * for the connection pool to give up. A background probe (the web module's {@code DatabaseProbe}) looks
 * every second and ends the outage when a connection works again; should no probe run, one request every
 * {@link #FAIL_FAST_NANOS} is let through to look for itself. One state per application.
 */
public final class DatabaseOutage {

    static final long FAIL_FAST_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Until when requests fail fast; 0 when the database is not known to be down. */
    private static final AtomicLong FAIL_FAST_UNTIL = new AtomicLong();

    private DatabaseOutage() {}

    /** A request or the probe found the database unreachable. */
    public static void reported() {
        reported(System.nanoTime());
    }

    static void reported(long nowNanos) {
        FAIL_FAST_UNTIL.set(nowNanos + FAIL_FAST_NANOS);
    }

    /** Refuses with UNAVAILABLE while failing fast; lets the caller through otherwise. */
    public static void check() {
        check(System.nanoTime());
    }

    static void check(long nowNanos) {
        long until = FAIL_FAST_UNTIL.get();
        if (until == 0) {
            return;
        }
        if (nowNanos < until) {
            throw Failures.unavailable();
        }
        // nobody has looked for a long time: this request does; the others fail fast meanwhile
        if (!FAIL_FAST_UNTIL.compareAndSet(until, nowNanos + FAIL_FAST_NANOS)) {
            check(nowNanos);
        }
    }

    /** The database answered: whatever outage there was is over. */
    public static void passed() {
        if (FAIL_FAST_UNTIL.get() != 0) {
            FAIL_FAST_UNTIL.set(0);
        }
    }

    /** Whether the database is known to be unreachable: requests fail fast, the probe looks. */
    public static boolean failingFast() {
        return FAIL_FAST_UNTIL.get() != 0;
    }

    /**
     * Whether a timer should skip its round: the database is known to be away, or its schema is not migrated
     * yet (a fresh database at start-up: the timers start with the application, before Flyway has finished).
     */
    public static boolean timersWait() {
        return failingFast() || !DatabaseMigration.migrated();
    }

    /** For tests: forgets any outage. */
    static void reset() {
        FAIL_FAST_UNTIL.set(0);
    }
}
