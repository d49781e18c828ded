package dev.quorum.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WebSocketTimersTest {

    /** The shape of Tyrus's {@code BaseContainer}: the managed scheduler in a final field of a superclass. */
    static class ContainerBase {
        private final ScheduledExecutorService managedScheduledExecutorService;

        ContainerBase(ScheduledExecutorService scheduler) {
            this.managedScheduledExecutorService = scheduler;
        }

        ScheduledExecutorService scheduler() {
            return managedScheduledExecutorService;
        }
    }

    static class ServerContainer extends ContainerBase {
        ServerContainer(ScheduledExecutorService scheduler) {
            super(scheduler);
        }
    }

    @Test
    void replacesTheContainersManagedScheduler() {
        ScheduledExecutorService managed = Executors.newSingleThreadScheduledExecutor();
        try {
            ServerContainer container = new ServerContainer(managed);
            WebSocketTimers timers = WebSocketTimers.install(container);
            assertNotNull(timers);
            assertInstanceOf(WebSocketTimers.DueNowInline.class, container.scheduler());
            timers.shutdown();
        } finally {
            managed.shutdownNow();
        }
    }

    @Test
    void leavesAContainerItDoesNotKnowAlone() {
        assertNull(WebSocketTimers.install(new Object()));
        assertNull(WebSocketTimers.install(null));
        // Tyrus without a managed scheduler made its own plain one: nothing to replace
        ServerContainer plain = new ServerContainer(null);
        assertNull(WebSocketTimers.install(plain));
        assertNull(plain.scheduler());
    }

    @Test
    void runsATaskDueNowOnTheCallersThreadAndQueuesOneDueLater() throws Exception {
        ServerContainer container = new ServerContainer(Executors.newSingleThreadScheduledExecutor());
        WebSocketTimers timers = WebSocketTimers.install(container);
        ScheduledExecutorService scheduler = container.scheduler();
        try {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            ScheduledFuture<?> now =
                    scheduler.schedule(() -> ranOn.set(Thread.currentThread()), 0, TimeUnit.MILLISECONDS);
            assertSame(Thread.currentThread(), ranOn.get());
            assertTrue(now.isDone());
            assertFalse(now.cancel(false));

            CountDownLatch later = new CountDownLatch(1);
            AtomicReference<Thread> laterOn = new AtomicReference<>();
            ScheduledFuture<?> due = scheduler.schedule(
                    () -> {
                        laterOn.set(Thread.currentThread());
                        later.countDown();
                    },
                    20,
                    TimeUnit.MILLISECONDS);
            assertFalse(due.isDone());
            assertTrue(later.await(5, TimeUnit.SECONDS));
            assertTrue(laterOn.get().getName().startsWith("quorum-websocket-timer-"));
            assertEquals(ClassLoader.getPlatformClassLoader(), laterOn.get().getContextClassLoader());

            // a cancelled idle task leaves the queue at once
            ScheduledFuture<?> cancelled = scheduler.schedule(() -> {}, 1, TimeUnit.HOURS);
            assertTrue(cancelled.cancel(false));
            assertEquals(
                    0, ((WebSocketTimers.DueNowInline) scheduler).getQueue().size());
        } finally {
            timers.shutdown();
        }
    }
}
