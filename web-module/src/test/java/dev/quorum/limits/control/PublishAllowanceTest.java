package dev.quorum.limits.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishAllowanceTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    /** A client that always waits exactly as long as it is told. */
    @Test
    void anHonestClientGetsExactlyTheBurstAndTheSustainedLimitInItsFirstMinute() {
        PublishAllowance allowance = new PublishAllowance(100, MINUTE, 10, SECOND);
        long start = 1_000_000_000_000L;
        long now = start;
        int accepted = 0;
        int inFirstSecond = 0;
        while (true) {
            long wait = allowance.tryTake(now);
            if (wait == 0) {
                accepted++;
                if (now - start < SECOND) {
                    inFirstSecond++;
                }
                continue;
            }
            if (now + wait - start >= MINUTE) {
                // the next one would be after the first minute: exactly then, and not before
                assertEquals(start + MINUTE, now + wait);
                break;
            }
            now += wait;
        }
        assertEquals(10, inFirstSecond);
        assertEquals(100, accepted);
    }

    @Test
    void anySlidingWindowHoldsNoMoreThanTheLimit() {
        PublishAllowance allowance = new PublishAllowance(5, MINUTE, 2, SECOND);
        long[] times = new long[200];
        int count = 0;
        for (long now = 0; now < 5 * MINUTE; now += SECOND / 7) {
            if (allowance.tryTake(now) == 0) {
                times[count++] = now;
            }
        }
        for (int i = 0; i < count; i++) {
            int inMinute = 0;
            int inSecond = 0;
            for (int j = i; j < count && times[j] - times[i] < MINUTE; j++) {
                inMinute++;
                if (times[j] - times[i] < SECOND) {
                    inSecond++;
                }
            }
            assertTrue(inMinute <= 5, "window from " + i);
            assertTrue(inSecond <= 2, "window from " + i);
        }
        // 5 minutes allow 25; the steady client gets them all
        assertEquals(25, count);
    }

    @Test
    void refusalsCostNothingAndAnIdleAllowanceCanBeForgotten() {
        PublishAllowance allowance = new PublishAllowance(3, MINUTE, 3, SECOND);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, allowance.tryTake(i));
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(allowance.tryTake(10 + i) > 0);
        }
        assertEquals(0, allowance.tryTake(MINUTE));
        assertFalse(allowance.isIdle(MINUTE + 1));
        assertTrue(allowance.isIdle(2 * MINUTE));
    }

    @Test
    void aClientThatWaitsAsToldIsNeverClosedAndOneThatDoesNotIs() {
        QuorumException refusal = new QuorumException(QuorumError.RATE_LIMITED, "wait", 100);
        RateLimitCompliance honest = new RateLimitCompliance(30, 0);
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            assertFalse(honest.ignored(refusal, now));
            now += TimeUnit.MILLISECONDS.toNanos(100);
        }
        RateLimitCompliance hammering = new RateLimitCompliance(30, 0);
        int refused = 0;
        while (!hammering.ignored(refusal, refused * 1_000_000L)) {
            refused++;
        }
        // the first refusal is not early; 30 early ones are tolerated, the 31st closes
        assertEquals(31, refused);
    }
}
