package dev.quorum.compliance.control;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every node looks every two seconds for critical alerts due again; the database gives each to one node. */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertRepeats {

    private static final Logger LOG = Logger.getLogger(AlertRepeats.class.getName());
    private static final int BATCH = 50;

    @Inject
    ComplianceAlerts alerts;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void repeatDueAlerts() {
        if (DatabaseOutage.failingFast()) {
            return;
        }
        try {
            alerts.repeatDue(BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Repeating compliance alerts failed; retrying in two seconds", e);
        }
    }
}
