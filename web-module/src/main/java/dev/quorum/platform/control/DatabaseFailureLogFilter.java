package dev.quorum.platform.control;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;

/**
 * Keeps the container's log readable while the database is away. The first request to find it gone made
 * Payara's EJB container, connection pool and transaction manager log the same failure six times with a
 * 150-line stack each (80 to 110 kB for one publish), and the pool's two warnings came again every second
 * the probe looked. On the container's loggers of those, a record caused by a database access failure keeps
 * its message and gets the failure in one line instead of its stack, and records of one kind are written at
 * most once a minute, saying how many were left out. Quorum's own lines (one a minute per kind, from
 * {@link Failures}) say what clients were told; anything else the container logs is untouched.
 */
public final class DatabaseFailureLogFilter implements Filter {

    /** The loggers Payara writes database access failures to: EJB container, connectors, JDBC, JTA. */
    static final List<String> CONTAINER_LOGGERS = List.of(
            "jakarta.enterprise.ejb.container",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.allocator",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.pool",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.rm",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.connectors",
            "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi",
            "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi.jdbc40",
            "javax.enterprise.resource.jta.com.sun.enterprise.transaction");

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final BooleanSupplier outage;
    private final LongSupplier clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** When a database access failure was last seen (nanoTime), or Long.MIN_VALUE. */
    private final AtomicLong lastDatabaseFailure = new AtomicLong(Long.MIN_VALUE);

    public DatabaseFailureLogFilter() {
        this(DatabaseOutage::failingFast, System::nanoTime);
    }

    DatabaseFailureLogFilter(BooleanSupplier outage, LongSupplier clock) {
        this.outage = outage;
        this.clock = clock;
    }

    /** Records of one kind: when one was last written, and how many were left out since. */
    private static final class Window {
        final AtomicLong writtenAt = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong leftOut = new AtomicLong();
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        boolean databaseFailure = thrown != null && databaseAccessFailure(thrown);
        if (databaseFailure) {
            lastDatabaseFailure.set(clock.getAsLong());
        } else if (thrown != null && rolledBackAfterDatabaseFailure(thrown)) {
            databaseFailure = true;
        }
        if (!databaseFailure && (thrown != null || !outage.getAsBoolean())) {
            return true;
        }
        long leftOut = admit(kind(record, thrown));
        if (leftOut < 0) {
            return false;
        }
        if (databaseFailure) {
            record.setThrown(new StackLeftOut(LogThrottle.describe(thrown), leftOut));
        }
        return true;
    }

    /** How many records of the kind were left out before this one, or -1 when this one is left out too. */
    private long admit(String kind) {
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long now = clock.getAsLong();
        long written = window.writtenAt.get();
        boolean due = written == Long.MIN_VALUE || now - written >= INTERVAL_NANOS;
        if (!due || !window.writtenAt.compareAndSet(written, now)) {
            window.leftOut.incrementAndGet();
            return -1;
        }
        return window.leftOut.getAndSet(0);
    }

    private static String kind(LogRecord record, Throwable thrown) {
        String kind = record.getLoggerName() + "|" + record.getLevel() + "|" + record.getMessage();
        if (thrown == null) {
            return kind;
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return kind + "|" + root.getClass().getName();
    }

    /**
     * Whether the failure came from reaching or using the database: JDBC, a connector resource, an XA
     * branch, the pool, or EclipseLink's wrapper of them. An application's own bug keeps its stack.
     */
    static boolean databaseAccessFailure(Throwable failure) {
        return Failures.causes(failure)
                .anyMatch(t -> t instanceof SQLException
                        || t instanceof XAException
                        || containerDatabaseFailure(t.getClass().getName()));
    }

    /**
     * A transaction rolled back with no cause of its own ("Client's transaction aborted": a later call in a
     * transaction a database failure had doomed), within a minute of a database access failure.
     */
    private boolean rolledBackAfterDatabaseFailure(Throwable thrown) {
        long seen = lastDatabaseFailure.get();
        return seen != Long.MIN_VALUE
                && clock.getAsLong() - seen < INTERVAL_NANOS
                && thrown.getCause() == null
                && thrown.getClass().getSimpleName().contains("TransactionRolledback");
    }

    /** Named, not imported: the connector API and EclipseLink are the container's, not this module's. */
    private static boolean containerDatabaseFailure(String className) {
        return className.startsWith("jakarta.resource.")
                || className.endsWith(".PoolingException")
                || className.equals("org.eclipse.persistence.exceptions.DatabaseException");
    }

    /** The failure in one line, printed where its stack would have been. */
    static final class StackLeftOut extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StackLeftOut(String failure, long leftOut) {
            super(
                    failure + " (stack left out: a database access failure"
                            + (leftOut == 0 ? "" : "; " + leftOut + " more like it since the last report")
                            + ")",
                    null,
                    false,
                    false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** Installs the filter on the container's loggers; answers them, to be held (loggers are held weakly). */
    public static List<Logger> install() {
        DatabaseFailureLogFilter filter = new DatabaseFailureLogFilter();
        filter.warmUp();
        List<Logger> loggers = CONTAINER_LOGGERS.stream().map(Logger::getLogger).toList();
        loggers.forEach(logger -> logger.setFilter(filter));
        return loggers;
    }

    /** Removes it again (an undeployed application's classes must not stay in the container's loggers). */
    public static void uninstall(List<Logger> loggers) {
        loggers.stream()
                .filter(logger -> logger.getFilter() instanceof DatabaseFailureLogFilter)
                .forEach(logger -> logger.setFilter(null));
    }

    /**
     * Runs every line once on the start-up thread: the filter runs on any thread, also inside another class
     * loader's loadClass, where resolving a class of this module could deadlock (see LogRecordMetrics).
     */
    private void warmUp() {
        LogRecord failure = new LogRecord(Level.WARNING, "warm-up");
        failure.setLoggerName("warm-up");
        failure.setThrown(new IllegalStateException(new SQLException("warm-up", "08001")));
        isLoggable(failure);
        LogRecord plain = new LogRecord(Level.WARNING, "warm-up");
        plain.setLoggerName("warm-up");
        isLoggable(plain);
        LogRecord rolledBack = new LogRecord(Level.WARNING, "warm-up");
        rolledBack.setLoggerName("warm-up");
        rolledBack.setThrown(new IllegalStateException("warm-up"));
        isLoggable(rolledBack);
        databaseAccessFailure(new XAException("warm-up"));
        windows.clear();
        // the warm-up's database failure was not one: a rollback right after start-up keeps its stack
        lastDatabaseFailure.set(Long.MIN_VALUE);
    }
}
