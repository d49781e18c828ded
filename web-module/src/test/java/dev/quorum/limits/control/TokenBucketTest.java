package dev.quorum.limits.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstOfItsCapacityThenSaysHowLongToWait() {
        var bucket = new TokenBucket(3, 1, 0);
        assertEquals(0, bucket.tryTake(0));
        assertEquals(0, bucket.tryTake(0));
        assertEquals(0, bucket.tryTake(0));
        assertEquals(SECOND, bucket.tryTake(0));
        assertEquals(SECOND / 2, bucket.tryTake(SECOND / 2));
    }

    @Test
    void refillsAtItsRateUpToItsCapacity() {
        var bucket = new TokenBucket(2, 10, 0);
        bucket.tryTake(0);
        bucket.tryTake(0);
        assertFalse(bucket.isFull(0));
        assertEquals(0, bucket.tryTake(SECOND / 10));
        assertTrue(bucket.isFull(10 * SECOND));
        bucket.tryTake(10 * SECOND);
        bucket.tryTake(10 * SECOND);
        assertTrue(bucket.tryTake(10 * SECOND) > 0, "never more than the capacity, however long it rested");
    }

    @Test
    void refusesNonsense() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
