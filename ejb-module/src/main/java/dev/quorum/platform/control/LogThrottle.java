package dev.quorum.platform.control;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At most one log line per kind and interval, saying how many were left out: an outage or an attack
 * repeats the same failure thousands of times a second, and the log must stay readable (and small)
 * meanwhile. The first line of a kind carries the stack trace when there is one; the later ones do not.
 */
public final class LogThrottle {

    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public LogThrottle(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    private static final class Window {
        final AtomicLong openedAt = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
        volatile boolean tracedOnce;
    }

    /** Logs the message unless this kind was logged less than one interval ago; then it only counts it. */
    public void log(Level level, String kind, String message, Throwable failure) {
        if (!log.isLoggable(level)) {
            return;
        }
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long now = System.nanoTime();
        long opened = window.openedAt.get();
        if (opened != Long.MIN_VALUE && now - opened < intervalNanos) {
            window.suppressed.incrementAndGet();
            return;
        }
        if (!window.openedAt.compareAndSet(opened, now)) {
            window.suppressed.incrementAndGet();
            return;
        }
        long left = window.suppressed.getAndSet(0);
        String line = left == 0 ? message : message + " (and " + left + " more like it since the last report)";
        if (failure != null && !window.tracedOnce) {
            window.tracedOnce = true;
            log.log(level, line, failure);
        } else {
            log.log(level, failure == null ? line : line + ": " + describe(failure));
        }
    }

    /** The failure's class and message, and its root cause's: enough to recognise it without the stack. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = failure.getClass().getSimpleName();
        return root == failure
                ? first + ": " + failure.getMessage()
                : first + " caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
