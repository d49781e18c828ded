package dev.quorum.platform.control;

import jakarta.jms.JMSException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay loop of a transactional outbox: claim a batch (its own transaction), send it to the broker outside
 * any transaction, mark it sent — or, when the broker refuses, release it for the next sweep and say so at most
 * once a minute. Batch after batch while full ones come; a database that is away ends the round quietly.
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final LogThrottle THROTTLE = new LogThrottle(LOG, 60_000);

    /** One outbox's steps. */
    public interface Outbox<T> {
        List<T> claim();

        void send(List<T> batch) throws JMSException;

        void sent(List<T> batch);

        void release(List<T> batch);
    }

    private OutboxRelay() {}

    /**
     * @param what what waits in this outbox, for the outage line ("analysis jobs")
     * @param batchSize the claim's limit: a full batch means more may wait
     */
    public static <T> void relay(String what, int batchSize, Outbox<T> outbox) {
        List<T> claimed;
        try {
            claimed = outbox.claim();
        } catch (RuntimeException e) {
            return; // the database is away: the sweep tries again
        }
        while (!claimed.isEmpty()) {
            try {
                outbox.send(claimed);
            } catch (JMSException | RuntimeException e) {
                outbox.release(claimed);
                THROTTLE.log(
                        Level.WARNING,
                        what,
                        "The broker does not take " + what + "; they wait in the outbox and are sent when it is back",
                        e);
                return;
            }
            outbox.sent(claimed);
            if (claimed.size() < batchSize) {
                return;
            }
            claimed = outbox.claim();
        }
    }
}
