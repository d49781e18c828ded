package dev.quorum.document.control;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces expired document locks. A lock stops counting the moment it expires (the database's clock
 * decides, on every node); this sweep, every two seconds on every node, tells the editors, each lock once.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LockExpiry {

    private static final Logger LOG = Logger.getLogger(LockExpiry.class.getName());
    private static final int BATCH = 100;

    @Inject
    DocumentLocks locks;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void announceExpiredLocks() {
        if (DatabaseOutage.timersWait()) {
            return;
        }
        try {
            while (locks.endExpired(BATCH) == BATCH) {
                // a backlog after an outage: keep going
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Announcing expired locks failed; retrying in two seconds", e);
        }
    }
}
