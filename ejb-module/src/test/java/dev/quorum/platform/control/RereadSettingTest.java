package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RereadSettingTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile long configured = 15;

    private final RereadSetting<Long> setting = new RereadSetting<>(
            () -> {
                reads.incrementAndGet();
                return configured;
            },
            now::get);

    @Test
    void readsOnceWithinTheIntervalAndAgainAfterIt() {
        assertEquals(15L, setting.get());
        configured = 30;
        now.addAndGet(RereadSetting.INTERVAL_NANOS);
        assertEquals(15L, setting.get(), "a change within the interval is seen at its end");
        assertEquals(1, reads.get());

        now.addAndGet(1);
        assertEquals(30L, setting.get());
        assertEquals(30L, setting.get());
        assertEquals(2, reads.get());
    }

    @Test
    void aClockNearTheEndOfItsRangeStillRereads() {
        now.set(Long.MAX_VALUE - 10);
        setting.get();
        configured = 7;
        now.addAndGet(RereadSetting.INTERVAL_NANOS + 20); // wraps, as System.nanoTime may
        assertEquals(7L, setting.get());
    }
}
