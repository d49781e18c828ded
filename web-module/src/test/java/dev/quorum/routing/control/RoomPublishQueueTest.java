package dev.quorum.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.routing.control.RoomPublishQueue.Waiting;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RoomPublishQueueTest {

    private static Waiting publish() {
        return new Waiting(null, new CompletableFuture<>());
    }

    @Test
    void onlyTheFirstPublishStartsAWriterAndTheNextBatchTakesWhatArrivedMeanwhileInOrder() {
        RoomPublishQueue queue = new RoomPublishQueue();
        Waiting first = publish();
        assertTrue(queue.add(first), "nobody writes yet: the caller starts a writer");
        assertEquals(List.of(first), queue.next(200));
        Waiting second = publish();
        Waiting third = publish();
        assertFalse(queue.add(second), "the writer is still busy with the first batch");
        assertFalse(queue.add(third));
        assertEquals(List.of(second, third), queue.next(200));
        assertEquals(List.of(), queue.next(200), "nothing waits: the writer stops");
        assertTrue(queue.add(publish()), "and the next publish starts one again");
    }

    @Test
    void aBatchHoldsAtMostTheLimitAndTheRestWaitsForTheNext() {
        RoomPublishQueue queue = new RoomPublishQueue();
        for (int i = 0; i < 5; i++) {
            queue.add(publish());
        }
        assertEquals(2, queue.next(2).size());
        assertEquals(3, queue.size());
        assertEquals(3, queue.next(200).size());
        assertEquals(0, queue.size());
    }
}
