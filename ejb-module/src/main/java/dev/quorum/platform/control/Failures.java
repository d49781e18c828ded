package dev.quorum.platform.control;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Turns what went wrong while handling a request into what the client is told, the same for WebSocket and
 * REST: a refusal stays itself (however deeply the container wrapped it); an unreachable database becomes
 * {@code UNAVAILABLE} with a time to wait (nothing was kept), or {@code OUTCOME_UNKNOWN} when it went away
 * while a change was committing;
 * anything else is an {@code INTERNAL_ERROR}, logged at most once a minute per kind.
 */
public final class Failures {

    /** How long a client should wait before retrying after the database was unreachable. */
    static final long UNAVAILABLE_RETRY_MILLIS = 2_000;

    private static final LogThrottle LOG = new LogThrottle(Logger.getLogger(Failures.class.getName()), 60_000);

    private Failures() {}

    /**
     * The refusal to answer for the failure.
     *
     * @param changing whether the request changes something: when the database went away under it, it may
     *     have gone away during the commit, and the server cannot know whether the change was kept
     */
    public static QuorumException answer(Throwable failure, boolean changing, String what) {
        QuorumException refusal = refusal(failure);
        if (refusal != null) {
            return refusal;
        }
        if (databaseUnreachable(failure)) {
            DatabaseOutage.reported();
            // one line a minute for the whole outage, with the cause but without a stack: it is not a bug
            LOG.log(
                    Level.WARNING,
                    "database",
                    "The database is unreachable (found while handling " + what + "): " + LogThrottle.describe(failure),
                    null);
            return changing && duringCommit(failure)
                    ? new QuorumException(
                            QuorumError.OUTCOME_UNKNOWN,
                            QuorumError.OUTCOME_UNKNOWN.message(),
                            UNAVAILABLE_RETRY_MILLIS)
                    : unavailable();
        }
        if (changing && duringCommit(failure)) {
            // the commit itself failed without saying why in SQL terms (Payara wraps a connection the server
            // terminated at commit as an XAException with text only): the change may have been kept
            LOG.log(
                    Level.WARNING,
                    "commit",
                    "A commit failed while handling " + what + ": " + LogThrottle.describe(failure),
                    null);
            return new QuorumException(
                    QuorumError.OUTCOME_UNKNOWN, QuorumError.OUTCOME_UNKNOWN.message(), UNAVAILABLE_RETRY_MILLIS);
        }
        if (poolExhausted(failure)) {
            // a burst held every connection for longer than the pool's wait: busy, not down
            LOG.log(Level.WARNING, "pool", "No database connection was free in time for " + what, null);
            return unavailable();
        }
        LOG.log(
                Level.SEVERE,
                "failure:" + what + ":" + failure.getClass().getName(),
                "Handling " + what + " failed",
                failure);
        return new QuorumException(QuorumError.INTERNAL_ERROR);
    }

    /** Nothing was kept; the client may retry after a moment. */
    static QuorumException unavailable() {
        return new QuorumException(
                QuorumError.UNAVAILABLE, QuorumError.UNAVAILABLE.message(), UNAVAILABLE_RETRY_MILLIS);
    }

    /** The failure and its causes, outermost first. */
    public static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    /**
     * Whether the failure came out of the transaction's completion rather than out of a statement before
     * it: only then can a change have been kept. (A statement that fails on a lost connection leaves a
     * transaction PostgreSQL rolls back; a commit that loses its connection may have committed.)
     */
    static boolean duringCommit(Throwable failure) {
        return causes(failure)
                .map(t -> t.getClass().getName())
                .anyMatch(name -> name.startsWith("jakarta.transaction.") || name.contains("Heuristic"));
    }

    /** Whether the connection pool gave up waiting for a free connection (Payara's PoolingException). */
    static boolean poolExhausted(Throwable failure) {
        return causes(failure).anyMatch(t -> t.getClass().getName().endsWith(".PoolingException"));
    }

    /** The refusal somewhere in the chain of causes, or null. */
    public static QuorumException refusal(Throwable failure) {
        return causes(failure)
                .filter(QuorumException.class::isInstance)
                .map(QuorumException.class::cast)
                .findFirst()
                .orElse(null);
    }

    /**
     * Whether the chain of causes says the database could not be reached or went away: a connection
     * failure (SQL state class 08), the server shutting down (57P01-57P03), too many connections (53300).
     * A pool that is merely busy (every connection in use for longer than its wait) is not an outage.
     */
    public static boolean databaseUnreachable(Throwable failure) {
        return causes(failure).anyMatch(Failures::connectionLost);
    }

    private static boolean connectionLost(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = t instanceof SQLException sql ? sql.getSQLState() : null;
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300"));
    }
}
