package dev.quorum.document.control;

import dev.quorum.presence.control.RoomDeparture;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A member who leaves a document (on every node) lets go of the locks they hold on it. */
@ApplicationScoped
public class LockDepartures {

    private static final Logger LOG = Logger.getLogger(LockDepartures.class.getName());

    @Inject
    DocumentLocks locks;

    void departed(@ObservesAsync RoomDeparture departure) {
        try {
            locks.releaseOnDeparture(departure.room(), departure.member());
        } catch (RuntimeException e) {
            // the lock still ends when it expires; the expiry sweep announces it then
            LOG.log(
                    Level.WARNING,
                    "Releasing the locks of " + departure.member() + " in room " + departure.room() + " failed: " + e);
        }
    }
}
