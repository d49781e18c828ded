package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DatabaseFailureLogFilterTest {

    private static final String EJB = "jakarta.enterprise.ejb.container";
    private static final String POOL = "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi";

    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));
    private final DatabaseFailureLogFilter filter = new DatabaseFailureLogFilter(outage::get, now::get);

    private static LogRecord record(String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    /** As Payara wraps a refused connection: EJB exception, persistence exception, pool, PostgreSQL. */
    private static RuntimeException refusedConnection() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:15432 refused", "08001");
        return new IllegalStateException("Exception thrown from bean", new RuntimeException("allocating", refused));
    }

    private static String printed(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void aDatabaseFailureIsWrittenInOneLineWithItsRootCauseInsteadOfItsStack() {
        LogRecord record = record(EJB, "", refusedConnection());
        assertTrue(filter.isLoggable(record));
        String printed = printed(record.getThrown());
        assertEquals(
                "IllegalStateException caused by SQLException: Connection to 127.0.0.1:15432 refused"
                        + " (stack left out: a database access failure)",
                printed.strip());
        assertFalse(printed.contains("\tat "), printed);
    }

    @Test
    void theSameKindIsWrittenOnceAMinuteSayingHowManyWereLeftOut() {
        assertTrue(filter.isLoggable(record(EJB, "", refusedConnection())));
        assertFalse(filter.isLoggable(record(EJB, "", refusedConnection())));
        assertFalse(filter.isLoggable(record(EJB, "", refusedConnection())));
        // another logger, another message: another kind
        assertTrue(filter.isLoggable(record(POOL, "RAR5031", refusedConnection())));
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertFalse(filter.isLoggable(record(EJB, "", refusedConnection())));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        LogRecord minuteLater = record(EJB, "", refusedConnection());
        assertTrue(filter.isLoggable(minuteLater));
        assertTrue(
                minuteLater.getThrown().getMessage().endsWith("; 3 more like it since the last report)"),
                minuteLater.getThrown().getMessage());
    }

    @Test
    void anApplicationBugKeepsItsStackAndIsNeverLeftOut() {
        NullPointerException bug = new NullPointerException("a bug");
        for (int i = 0; i < 3; i++) {
            LogRecord record = record(EJB, "", bug);
            assertTrue(filter.isLoggable(record));
            assertSame(bug, record.getThrown());
        }
    }

    @Test
    void warningsWithoutAStackAreLeftAloneUntilTheDatabaseIsKnownToBeAwayThenWrittenOnceAMinute() {
        for (int i = 0; i < 3; i++) {
            assertTrue(filter.isLoggable(record(POOL, "RAR5114", null)), "no outage: written every time");
        }
        outage.set(true);
        assertTrue(filter.isLoggable(record(POOL, "RAR5114", null)));
        assertFalse(filter.isLoggable(record(POOL, "RAR5114", null)), "the probe's second look");
        assertTrue(filter.isLoggable(record(POOL, "RAR5117", null)), "another warning");
        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        assertTrue(filter.isLoggable(record(POOL, "RAR5114", null)));
    }

    @Test
    void connectorPoolAndXaFailuresCountAsDatabaseAccessFailures() {
        assertTrue(DatabaseFailureLogFilter.databaseAccessFailure(
                new RuntimeException(new javax.transaction.xa.XAException("XAResource.start"))));
        assertTrue(DatabaseFailureLogFilter.databaseAccessFailure(
                new jakarta.resource.spi.LocalTransactionException("This connection has been closed.")));
        assertFalse(DatabaseFailureLogFilter.databaseAccessFailure(new IllegalArgumentException("bad input")));
    }

    /** As the EJB container names a later call in a transaction that a failure doomed. */
    private static final class TransactionRolledbackLocalException extends RuntimeException {
        TransactionRolledbackLocalException() {
            super("Client's transaction aborted");
        }
    }

    @Test
    void aRollbackWithoutCauseLosesItsStackOnlyWithinAMinuteOfADatabaseFailure() {
        LogRecord before = record(EJB, "", new TransactionRolledbackLocalException());
        assertTrue(filter.isLoggable(before));
        assertTrue(printed(before.getThrown()).contains("\tat "), "no database failure seen: a stack");
        assertTrue(filter.isLoggable(record(EJB, "", refusedConnection())));
        LogRecord after = record(EJB, "rollback", new TransactionRolledbackLocalException());
        assertTrue(filter.isLoggable(after));
        assertFalse(printed(after.getThrown()).contains("\tat "), "the database failure's follow-on: one line");
        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        LogRecord later = record(EJB, "later", new TransactionRolledbackLocalException());
        assertTrue(filter.isLoggable(later));
        assertTrue(printed(later.getThrown()).contains("\tat "), "a minute later: a stack again");
    }

    @Test
    void theInstalledFilterForgetsItsWarmUpsDatabaseFailure() {
        java.util.List<java.util.logging.Logger> loggers = DatabaseFailureLogFilter.install();
        try {
            LogRecord rollback = record(EJB, "", new TransactionRolledbackLocalException());
            assertTrue(loggers.get(0).getFilter().isLoggable(rollback));
            assertTrue(printed(rollback.getThrown()).contains("\tat "), "no database failure yet: its stack stays");
        } finally {
            DatabaseFailureLogFilter.uninstall(loggers);
        }
    }
}
