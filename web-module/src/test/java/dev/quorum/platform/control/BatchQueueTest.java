package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchQueueTest {

    private static Object publish() {
        return new Object();
    }

    @Test
    void onlyTheFirstPublishStartsAWriterAndTheNextBatchTakesWhatArrivedMeanwhileInOrder() {
        BatchQueue<Object> queue = new BatchQueue<>();
        Object first = publish();
        assertTrue(queue.add(first), "nobody writes yet: the caller starts a writer");
        assertEquals(List.of(first), queue.next(200));
        Object second = publish();
        Object third = publish();
        assertFalse(queue.add(second), "the writer is still busy with the first batch");
        assertFalse(queue.add(third));
        assertEquals(List.of(second, third), queue.next(200));
        assertEquals(List.of(), queue.next(200), "nothing waits: the writer stops");
        assertTrue(queue.add(publish()), "and the next publish starts one again");
    }

    @Test
    void aBatchHoldsAtMostTheLimitAndTheRestWaitsForTheNext() {
        BatchQueue<Object> queue = new BatchQueue<>();
        for (int i = 0; i < 5; i++) {
            queue.add(publish());
        }
        assertEquals(2, queue.next(2).size());
        assertEquals(3, queue.size());
        assertEquals(3, queue.next(200).size());
        assertEquals(0, queue.size());
    }
}
