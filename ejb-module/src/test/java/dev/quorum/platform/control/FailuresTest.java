package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aWrappedRefusalStaysItself() {
        QuorumException refusal = new QuorumException(QuorumError.NOT_JOINED);
        assertSame(refusal, Failures.answer(new EJBException(new RuntimeException(refusal)), true, "test"));
    }

    @Test
    void aLostConnectionInAStatementMeansNothingWasKept() {
        RuntimeException failure = new EJBException(
                new RuntimeException(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        QuorumException answer = Failures.answer(failure, true, "test");
        assertEquals(QuorumError.UNAVAILABLE, answer.error());
        assertTrue(answer.retryAfterMillis() > 0);
    }

    @Test
    void aLostConnectionDuringTheCommitMeansTheOutcomeIsUnknown() {
        RollbackException commit = new RollbackException("commit failed");
        commit.initCause(new SQLException("terminating connection due to administrator command", "57P01"));
        QuorumException answer = Failures.answer(new EJBException("Transaction aborted", commit), true, "test");
        assertEquals(QuorumError.OUTCOME_UNKNOWN, answer.error());
        // a read cannot have changed anything
        assertEquals(
                QuorumError.UNAVAILABLE,
                Failures.answer(new EJBException("Transaction aborted", commit), false, "test")
                        .error());
    }

    /** As Payara reported a connection PostgreSQL terminated at commit: an XAException with text only. */
    @Test
    void aCommitThatFailsWithoutAnSqlCauseHasAnUnknownOutcome() {
        jakarta.transaction.SystemException commit = new jakarta.transaction.SystemException();
        commit.initCause(new javax.transaction.xa.XAException(
                "jakarta.resource.spi.LocalTransactionException: FATAL: terminating connection"));
        QuorumException answer = Failures.answer(
                new EJBException("Unable to complete container-managed transaction.", commit), true, "test");
        assertEquals(QuorumError.OUTCOME_UNKNOWN, answer.error());
    }

    @Test
    void aPoolWithoutConnectionsIsUnavailable() {
        assertEquals(
                QuorumError.UNAVAILABLE,
                Failures.answer(new RuntimeException(new SQLTransientConnectionException("pool empty")), true, "test")
                        .error());
    }

    @Test
    void aBusyPoolIsUnavailableButNoOutage() {
        DatabaseOutage.reset();
        java.sql.SQLException busy = new java.sql.SQLException("Error in allocating a connection");
        busy.initCause(new PoolingException("In-use connections equal max-pool-size"));
        QuorumException answer = Failures.answer(new RuntimeException(busy), true, "test");
        assertEquals(QuorumError.UNAVAILABLE, answer.error());
        assertTrue(answer.retryAfterMillis() > 0);
        // the next request is not refused at once: the database is there, only busy
        assertTrue(!DatabaseOutage.failingFast());
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutDetail() {
        QuorumException answer = Failures.answer(new IllegalStateException("SELECT * FROM secret"), true, "test");
        assertEquals(QuorumError.INTERNAL_ERROR, answer.error());
        assertEquals(QuorumError.INTERNAL_ERROR.message(), answer.getMessage());
        // a constraint the database refused is a definite answer, not an outage
        assertEquals(
                QuorumError.INTERNAL_ERROR,
                Failures.answer(new RuntimeException(new SQLException("duplicate key", "23505")), true, "test")
                        .error());
    }
}
