package dev.quorum.encryption.control;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every node, every two seconds: seals and re-seals messages in batches for up to a second, then retires the
 * older keys of organizations whose rotation has finished (and is old enough that no node still seals with
 * them).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EncryptionSweep {

    private static final Logger LOG = Logger.getLogger(EncryptionSweep.class.getName());
    private static final int BATCH = 200;
    private static final long WORK_NANOS = 1_000_000_000L;

    @Inject
    Resealing resealing;

    @Inject
    OrganizationKeys keys;

    @Inject
    Sealing sealing;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void sweep() {
        if (DatabaseOutage.timersWait()) {
            return;
        }
        try {
            long until = System.nanoTime() + WORK_NANOS;
            while (resealing.resealBatch(BATCH) == BATCH && System.nanoTime() < until) {
                // a large backlog: another batch while the second lasts
            }
            while (resealing.resealDocuments(BATCH) > 0 && System.nanoTime() < until) {
                // documents' texts, operations and snapshots, likewise
            }
            while (resealing.resealComments(BATCH) > 0 && System.nanoTime() < until) {
                // comments of confidential documents, likewise
            }
            while (resealing.resealTranscripts(BATCH) > 0 && System.nanoTime() < until) {
                // transcripts and analysis results of confidential meetings, likewise
            }
            resealing.resealBallotSalts(BATCH);
            for (long organization : keys.retiring()) {
                if (keys.retireIfDone(organization)) {
                    sealing.forget(organization);
                    LOG.info("Organization " + organization + ": re-encryption finished, older keys retired");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Re-encryption failed; retrying in two seconds", e);
        }
    }
}
