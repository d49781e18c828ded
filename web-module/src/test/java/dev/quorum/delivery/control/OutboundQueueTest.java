package dev.quorum.delivery.control;

import static dev.quorum.routing.control.Priority.CRITICAL;
import static dev.quorum.routing.control.Priority.HIGH;
import static dev.quorum.routing.control.Priority.LOW;
import static dev.quorum.routing.control.Priority.NORMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.delivery.control.OutboundQueue.Gap;
import dev.quorum.delivery.control.OutboundQueue.Item;
import dev.quorum.delivery.control.OutboundQueue.Offered;
import dev.quorum.routing.control.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private static Item message(long room, long sequence, Priority priority) {
        return new Item(room, sequence, priority, room + ":" + sequence, 0);
    }

    private static List<String> drain(OutboundQueue queue) {
        List<String> sent = new ArrayList<>();
        for (Item item = queue.poll(); item != null; item = queue.poll()) {
            sent.add(item.json());
        }
        return sent;
    }

    @Test
    void higherPriorityOfAnotherRoomGoesFirst() {
        var queue = new OutboundQueue(10);
        queue.offer(message(1, 1, LOW));
        queue.offer(message(1, 2, NORMAL));
        queue.offer(message(2, 1, HIGH));
        queue.offer(message(3, 1, CRITICAL));
        assertEquals(List.of("3:1", "2:1", "1:1", "1:2"), drain(queue));
    }

    @Test
    void aHigherPriorityMessageNeverOvertakesAnEarlierOneOfItsRoom() {
        var queue = new OutboundQueue(10);
        queue.offer(message(1, 1, LOW));
        queue.offer(message(2, 1, NORMAL));
        queue.offer(message(1, 2, NORMAL));
        queue.offer(message(1, 3, CRITICAL));
        // room 1's waiting messages are promoted with it and keep their order
        assertEquals(List.of("1:1", "1:2", "1:3", "2:1"), drain(queue));
    }

    @Test
    void whenFullTheOldestLowMessageAndTheRestOfItsRoomAreDroppedAndAGapReported() {
        var queue = new OutboundQueue(4);
        queue.offer(message(1, 1, NORMAL));
        queue.offer(message(2, 7, LOW));
        queue.offer(message(2, 8, LOW));
        queue.offer(message(1, 2, NORMAL));
        Offered offered = queue.offer(message(3, 1, HIGH));
        assertFalse(offered.overflow());
        assertEquals(List.of(new Gap(2, 7)), offered.gaps());
        assertEquals(Map.of(LOW, 2), offered.discarded());
        assertTrue(queue.isSuspended(2));
        assertEquals(List.of("3:1", "1:1", "1:2"), drain(queue));
    }

    @Test
    void normalIsDroppedOnlyWhenNoLowIsLeft() {
        var queue = new OutboundQueue(2);
        queue.offer(message(1, 1, NORMAL));
        queue.offer(message(2, 1, HIGH));
        Offered offered = queue.offer(message(3, 1, CRITICAL));
        assertEquals(List.of(new Gap(1, 1)), offered.gaps());
        assertEquals(List.of("3:1", "2:1"), drain(queue));
    }

    @Test
    void aSuspendedRoomsLaterMessagesAreDiscardedUntilTheClientResumes() {
        var queue = new OutboundQueue(2);
        queue.offer(message(1, 1, LOW));
        queue.offer(message(2, 1, HIGH));
        queue.offer(message(3, 1, HIGH));
        assertTrue(queue.isSuspended(1));
        Offered later = queue.offer(message(1, 2, CRITICAL));
        assertEquals(Map.of(CRITICAL, 1), later.discarded());
        drain(queue);
        queue.resume(1);
        queue.offer(message(1, 2, CRITICAL));
        assertEquals(List.of("1:2"), drain(queue));
    }

    @Test
    void overflowsWhenOnlyUrgentFramesAreWaiting() {
        var queue = new OutboundQueue(2);
        queue.offer(message(1, 1, HIGH));
        queue.offer(Item.control("ack", 0));
        assertTrue(queue.offer(message(2, 1, CRITICAL)).overflow());
        Offered control = queue.offer(Item.control("pong", 0));
        assertTrue(control.overflow());
        assertNull(firstGap(control));
    }

    @Test
    void measuresHowLongTheOldestUrgentFrameWaits() {
        var queue = new OutboundQueue(4);
        queue.offer(new Item(1, 1, LOW, "x", 10));
        assertEquals(0, queue.oldestUrgentWaitNanos(100));
        queue.offer(new Item(2, 1, HIGH, "y", 40));
        assertEquals(60, queue.oldestUrgentWaitNanos(100));
    }

    @Test
    void randomLoadNeverBreaksTheOrderOfARoom() {
        Random random = new Random(42);
        var queue = new OutboundQueue(16);
        long[] next = new long[6];
        long[] lastSeen = new long[6];
        for (int step = 0; step < 20_000; step++) {
            if (random.nextInt(3) > 0) {
                int room = 1 + random.nextInt(5);
                Priority priority = Priority.values()[random.nextInt(4)];
                Offered offered = queue.offer(message(room, ++next[room], priority));
                // the client resumes at once; what it then receives must still be in order
                offered.gaps().forEach(gap -> queue.resume(gap.room()));
                if (offered.overflow()) {
                    drain(queue);
                }
            } else {
                Item item = queue.poll();
                if (item != null && item.roomMessage()) {
                    int room = (int) item.room();
                    assertTrue(item.sequence() > lastSeen[room], "order broken in room " + room);
                    lastSeen[room] = item.sequence();
                }
            }
        }
    }

    private static Gap firstGap(Offered offered) {
        return offered.gaps().isEmpty() ? null : offered.gaps().get(0);
    }
}
