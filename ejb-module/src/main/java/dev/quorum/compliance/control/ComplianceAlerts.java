package dev.quorum.compliance.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.routing.control.Priority;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alerts for critical findings: a {@code compliance.alert} message at critical priority in the organization's
 * compliance room (kept), and the same frame to every online compliance officer wherever they are. An alert
 * not acknowledged is repeated; after {@code quorum.compliance.escalate-to-admins-after} repeats the admins
 * are alerted too. Each repeat goes out once, whichever node finds it due first.
 */
@Stateless
@DatabaseGuarded
public class ComplianceAlerts {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    ComplianceNotices notices;

    @Inject
    @ConfigProperty(name = "quorum.compliance.alert-repeat-seconds", defaultValue = "300")
    int repeatSeconds;

    @Inject
    @ConfigProperty(name = "quorum.compliance.escalate-to-admins-after", defaultValue = "2")
    int escalateAfter;

    /** Alerts a critical finding just recorded, in the transaction that records it. */
    public void alertNew(long finding) {
        em.createNativeQuery("UPDATE compliance_finding SET alerted_at = now() WHERE id = ?1")
                .setParameter(1, finding)
                .executeUpdate();
        alert(finding);
    }

    /** Repeats the alerts of critical findings still not acknowledged; answers how many went out. */
    @SuppressWarnings("unchecked")
    public int repeatDue(int batch) {
        List<Object> due = em.createNativeQuery("UPDATE compliance_finding SET escalations = escalations + 1, "
                        + "alerted_at = now() WHERE id IN (SELECT id FROM compliance_finding "
                        + "WHERE severity = 'critical' AND status = 'open' "
                        + "AND alerted_at < now() - make_interval(secs => ?1) ORDER BY id LIMIT ?2 "
                        + "FOR UPDATE SKIP LOCKED) RETURNING id")
                .setParameter(1, repeatSeconds)
                .setParameter(2, batch)
                .getResultList();
        due.forEach(id -> alert(((Number) id).longValue()));
        return due.size();
    }

    private void alert(long finding) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT f.organization_id, f.category, f.severity, f.source, "
                        + "f.room_id, f.reference, m.subject, f.excerpt, f.escalations, f.rule_version "
                        + "FROM compliance_finding f LEFT JOIN member m ON m.id = f.actor_id WHERE f.id = ?1")
                .setParameter(1, finding)
                .getSingleResult();
        long organization = ((Number) row[0]).longValue();
        int escalations = ((Number) row[8]).intValue();
        boolean admins = escalations >= escalateAfter;
        JsonObjectBuilder alert = JSON.createObjectBuilder()
                .add("finding", finding)
                .add("category", (String) row[1])
                .add("severity", (String) row[2])
                .add("ruleVersion", ((Number) row[9]).intValue())
                .add("source", (String) row[3])
                .add("excerpt", (String) row[7])
                .add("escalation", escalations)
                .add("adminsAlerted", admins);
        if (row[4] != null) {
            alert.add("room", ((Number) row[4]).longValue());
        }
        if (row[5] != null) {
            alert.add("reference", (String) row[5]);
        }
        if (row[6] != null) {
            alert.add("actor", (String) row[6]);
        }
        notices.send(
                organization,
                Priority.CRITICAL,
                "compliance.alert",
                alert.build().toString(),
                admins ? ComplianceNotices.OFFICERS_AND_ADMINS : ComplianceNotices.OFFICERS);
    }
}
