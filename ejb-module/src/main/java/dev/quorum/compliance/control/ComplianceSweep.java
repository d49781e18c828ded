package dev.quorum.compliance.control;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every node looks every two seconds for compliance work that has come due — critical alerts to repeat,
 * deadline reminders, risk levels that changed, documents typed into — and the database gives each piece to one node. Each runs in
 * its own transaction, so one failing does not hold up the others.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ComplianceSweep {

    private static final Logger LOG = Logger.getLogger(ComplianceSweep.class.getName());
    private static final int BATCH = 50;

    @Inject
    ComplianceAlerts alerts;

    @Inject
    Deadlines deadlines;

    @Inject
    RiskScores risks;

    @Inject
    TypedText typedText;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void sweep() {
        if (DatabaseOutage.timersWait()) {
            return;
        }
        run("Repeating compliance alerts", () -> alerts.repeatDue(BATCH));
        run("Sending deadline reminders", () -> deadlines.remindDue(BATCH));
        run("Announcing risk levels", risks::announceChanges);
        run("Screening typed document text", typedText::screenPaused);
    }

    private static void run(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, what + " failed; retrying in two seconds", e);
        }
    }
}
