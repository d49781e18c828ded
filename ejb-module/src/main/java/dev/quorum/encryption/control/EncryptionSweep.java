package dev.quorum.encryption.control;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every node, every two seconds: seals and re-seals messages in batches for up to a second, then retires the
 * older keys of organizations whose rotation has finished (and is old enough that no node still seals with
 * them). Only rooms marked confidential recently (the backlog) and organizations whose keys retire are looked
 * at, so an idle sweep costs two small queries, not a read of every table's history. A room leaves the backlog
 * once it was marked, and this node's sweeps have found nothing to seal, for at least
 * {@code quorum.encryption.backlog-idle-seconds}.
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
    @ConfigProperty(name = "quorum.encryption.backlog-idle-seconds", defaultValue = "60")
    long backlogIdleSeconds;

    @Inject
    OrganizationKeys keys;

    @Inject
    Sealing sealing;

    private IdleSpell idleSpell;

    @PostConstruct
    void startIdle() {
        idleSpell = new IdleSpell(TimeUnit.SECONDS.toNanos(backlogIdleSeconds));
    }

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void sweep() {
        if (DatabaseOutage.timersWait()) {
            return;
        }
        try {
            if (resealing.anythingToSeal()) {
                List<OrganizationKeys.Retiring> retiring = keys.retiring();
                Pass pass = reseal(retiring);
                if (idleSpell.passed(pass.sealedClear(), System.nanoTime())) {
                    // nothing found for a whole spell: rooms marked at least that long ago are done
                    resealing.clearBacklog(TimeUnit.SECONDS.toMillis(backlogIdleSeconds));
                }
                if (!pass.resealedMessages()) {
                    // only then: the check counts what is left, and while messages are found there is some
                    retireFinished(retiring);
                }
            }
        } catch (RuntimeException e) {
            idleSpell.failed();
            LOG.log(Level.FINE, "Re-encryption failed; retrying in two seconds", e);
        }
    }

    /**
     * What a pass did: whether it sealed anything that may have been in clear (messages sealed again under a
     * new key were not, so a long rotation does not keep the backlog's rooms in it), and whether it sealed
     * messages again.
     */
    private record Pass(boolean sealedClear, boolean resealedMessages) {}

    /** Seals and re-seals for up to a second. */
    private Pass reseal(List<OrganizationKeys.Retiring> retiring) {
        boolean rotating = !retiring.isEmpty();
        long until = System.nanoTime() + WORK_NANOS;
        // apart: a rotation's batches would each read the backlog's rooms again when nothing there is in clear
        int clear = repeat(() -> resealing.sealBacklog(BATCH), until);
        int resealed = rotating ? repeat(() -> resealing.resealRetiring(BATCH, retiring), until) : 0;
        // documents' texts, operations and snapshots, their comments, confidential meetings' texts, likewise
        clear += repeat(() -> resealing.resealDocuments(BATCH, retiring), until);
        clear += repeat(() -> resealing.resealComments(BATCH, rotating), until);
        clear += repeat(() -> resealing.resealTranscripts(BATCH, rotating), until);
        if (rotating) {
            resealing.resealBallotSalts(BATCH);
        }
        return new Pass(clear > 0, resealed > 0);
    }

    /** Runs batches while they seal something and the second lasts (a large backlog: more in two seconds). */
    private static int repeat(IntSupplier batch, long untilNanos) {
        int done = 0;
        int sealed;
        while ((sealed = batch.getAsInt()) > 0) {
            done += sealed;
            if (System.nanoTime() >= untilNanos) {
                break;
            }
        }
        return done;
    }

    private void retireFinished(List<OrganizationKeys.Retiring> retiring) {
        for (OrganizationKeys.Retiring retiringKeys : retiring) {
            long organization = retiringKeys.organization();
            if (keys.retireIfDone(organization)) {
                sealing.forget(organization);
                LOG.info("Organization " + organization + ": re-encryption finished, older keys retired");
            }
        }
    }
}
