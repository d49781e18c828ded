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
    void afterAReportRequestsFailFastUntilTheDatabaseAnswersAgain() {
        long now = 1_000_000_000L;
        DatabaseOutage.reported(now);
        QuorumException refusal = assertThrows(QuorumException.class, () -> DatabaseOutage.check(now + 1_000_000));
        assertEquals(QuorumError.UNAVAILABLE, refusal.error());
        assertTrue(refusal.retryAfterMillis() > 0);
        assertTrue(DatabaseOutage.failingFast());
        // the probe found it back
        DatabaseOutage.passed();
        assertDoesNotThrow(() -> DatabaseOutage.check(now + 2_000_000));
        assertFalse(DatabaseOutage.failingFast());
    }

    @Test
    void withoutAProbeOneRequestLooksAfterTheFailFastTime() {
        long now = 1_000_000_000L;
        DatabaseOutage.reported(now);
        long later = now + DatabaseOutage.FAIL_FAST_NANOS;
        assertDoesNotThrow(() -> DatabaseOutage.check(later));
        assertThrows(QuorumException.class, () -> DatabaseOutage.check(later + 1));
    }

    @Test
    void aLostDatabaseIsReportedByTheFailureThatFoundIt() {
        Failures.answer(new RuntimeException(new java.sql.SQLException("connection refused", "08001")), false, "test");
        assertTrue(DatabaseOutage.failingFast());
    }
}
