package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @BeforeEach
    @AfterEach
    void forget() {
        DatabaseOutage.reset();
    }

    @Test
    void nothingIsRefusedWhileNoOutageWasReported() {
        assertDoesNotThrow(() -> DatabaseOutage.check(0));
        assertFalse(DatabaseOutage.failingFast());
    }

    @Test
    void afterAReportRequestsFailFastThenOneProbesAtATime() {
        long now = 1_000_000_000L;
        DatabaseOutage.reported(now);
        QuorumException refusal = assertThrows(QuorumException.class, () -> DatabaseOutage.check(now + 1_000_000));
        assertEquals(QuorumError.UNAVAILABLE, refusal.error());
        assertTrue(refusal.retryAfterMillis() > 2_000 && refusal.retryAfterMillis() <= 2_500);
        long later = now + DatabaseOutage.PROBE_INTERVAL_NANOS;
        // the first request after the window probes; the ones right after it fail fast meanwhile
        assertDoesNotThrow(() -> DatabaseOutage.check(later));
        assertThrows(QuorumException.class, () -> DatabaseOutage.check(later + 1));
        // the probe got its answer: the outage is over for everybody
        DatabaseOutage.passed();
        assertDoesNotThrow(() -> DatabaseOutage.check(later + 2));
    }

    @Test
    void aLostDatabaseIsReportedByTheFailureThatFoundIt() {
        Failures.answer(new RuntimeException(new java.sql.SQLException("connection refused", "08001")), false, "test");
        assertTrue(DatabaseOutage.failingFast());
    }
}
