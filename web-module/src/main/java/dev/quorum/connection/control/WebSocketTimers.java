package dev.quorum.connection.control;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives the WebSocket container a plain scheduler for its per-connection timers instead of the server's
 * managed one.
 *
 * <p>Tyrus cancels and schedules a session's idle-timeout task on every frame received and every frame
 * sent, even with no idle timeout (the task then does nothing), on the scheduler its container found at
 * start: in Payara the default managed scheduled executor, which captures the caller's context for each
 * task — a {@code ServiceLoader} scan over every jar of the application. Profiles showed that scan on
 * every inbound frame and every handshake. The task touches nothing of the application, so it needs no
 * context. Only sessions opened after {@link #install} use the new scheduler.
 */
public final class WebSocketTimers {

    private static final Logger LOG = Logger.getLogger(WebSocketTimers.class.getName());

    /** Tyrus's {@code BaseContainer} field that holds the managed scheduler it looked up. */
    private static final String MANAGED_SCHEDULER_FIELD = "managedScheduledExecutorService";

    private final ScheduledThreadPoolExecutor scheduler;

    private WebSocketTimers(ScheduledThreadPoolExecutor scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Replaces the container's scheduler; answers null (and logs why) when the container is not the Tyrus
     * this was written against, which leaves its timers as they were.
     */
    public static WebSocketTimers install(Object serverContainer) {
        Field field = managedSchedulerField(serverContainer);
        if (field == null) {
            LOG.warning(() -> "WebSocket timers stay on the container's scheduler: "
                    + (serverContainer == null
                            ? "no server container"
                            : serverContainer.getClass().getName())
                    + " has no field " + MANAGED_SCHEDULER_FIELD);
            return null;
        }
        ScheduledThreadPoolExecutor scheduler = newScheduler();
        try {
            field.setAccessible(true);
            if (!(field.get(serverContainer) instanceof ScheduledExecutorService)) {
                scheduler.shutdownNow();
                return null; // Tyrus made its own plain scheduler: nothing to replace
            }
            field.set(serverContainer, scheduler);
            return new WebSocketTimers(scheduler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            scheduler.shutdownNow();
            LOG.log(Level.WARNING, "WebSocket timers stay on the container's scheduler", e);
            return null;
        }
    }

    public void shutdown() {
        scheduler.shutdown();
    }

    /**
     * Runs a one-shot task that is due at once on the caller's thread. With no idle timeout Tyrus still
     * schedules its idle task, due at once and doing nothing, for every frame; queueing it costs a lock on
     * the scheduler's queue shared by every connection and a wake-up of its thread.
     */
    static final class DueNowInline extends ScheduledThreadPoolExecutor {

        DueNowInline(java.util.concurrent.ThreadFactory threads) {
            super(2, threads);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            if (delay > 0) {
                return super.schedule(task, delay, unit);
            }
            task.run();
            return RAN;
        }
    }

    /** What a task run at once answers: done, never cancelled. */
    private static final java.util.concurrent.ScheduledFuture<?> RAN = new java.util.concurrent.ScheduledFuture<>() {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    };

    private static Field managedSchedulerField(Object container) {
        for (Class<?> type = container == null ? null : container.getClass();
                type != null;
                type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(MANAGED_SCHEDULER_FIELD);
                return ScheduledExecutorService.class.isAssignableFrom(field.getType()) ? field : null;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static ScheduledThreadPoolExecutor newScheduler() {
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduler = new DueNowInline(task -> {
            Thread thread = new Thread(task, "quorum-websocket-timer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            return thread;
        });
        // A cancelled idle task leaves the queue at once: a busy connection cancels one per frame.
        scheduler.setRemoveOnCancelPolicy(true);
        // Sessions that close while the application stops may still ask for a timer: drop it quietly.
        scheduler.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        return scheduler;
    }
}
