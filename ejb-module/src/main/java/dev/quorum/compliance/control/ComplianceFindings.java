package dev.quorum.compliance.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Findings: recorded after the content they concern (or its refusal), read, acknowledged and resolved. */
@Stateless
@DatabaseGuarded
public class ComplianceFindings {

    /** A finding to record: what, where, who, which rule and version, a masked excerpt. */
    public record NewFinding(
            long organizationId,
            Rule rule,
            String source,
            Long roomId,
            String reference,
            long actorId,
            String excerpt,
            String fingerprint) {}

    /** A finding as officers see it. */
    public record FindingView(
            long id,
            String category,
            int ruleVersion,
            String severity,
            String action,
            String source,
            Long room,
            String reference,
            String actor,
            String excerpt,
            String status,
            Instant at) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Event<ComplianceAction> actions;

    @Inject
    ComplianceAlerts alerts;

    /** Records findings in a transaction of their own: called after the content committed (or was refused). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(List<NewFinding> findings) {
        for (NewFinding finding : findings) {
            long id = ((Number) em.createNativeQuery("INSERT INTO compliance_finding (organization_id, category, "
                                    + "rule_version, severity, action, source, room_id, reference, actor_id, excerpt, "
                                    + "fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id")
                            .setParameter(1, finding.organizationId())
                            .setParameter(2, finding.rule().category().wireName())
                            .setParameter(3, finding.rule().version())
                            .setParameter(4, finding.rule().severity().wireName())
                            .setParameter(5, finding.rule().action().wireName())
                            .setParameter(6, finding.source())
                            .setParameter(7, finding.roomId())
                            .setParameter(8, finding.reference())
                            .setParameter(9, finding.actorId() == 0 ? null : finding.actorId())
                            .setParameter(10, finding.excerpt())
                            .setParameter(11, finding.fingerprint())
                            .getSingleResult())
                    .longValue();
            if (finding.rule().severity() == Severity.CRITICAL) {
                alerts.alertNew(id);
            }
        }
    }

    /** The organization's findings of a status (all when null), newest first. */
    @SuppressWarnings("unchecked")
    public List<FindingView> list(MemberIdentity officer, String status, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT f.id, f.category, f.rule_version, f.severity, f.action, "
                        + "f.source, f.room_id, f.reference, m.subject, f.excerpt, f.status, f.created_at "
                        + "FROM compliance_finding f LEFT JOIN member m ON m.id = f.actor_id "
                        + "WHERE f.organization_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR f.status = ?2) "
                        + "ORDER BY f.id DESC LIMIT ?3")
                .setParameter(1, officer.organizationId())
                .setParameter(2, status)
                .setParameter(3, limit)
                .getResultList();
        List<FindingView> views = new ArrayList<>();
        for (Object[] row : rows) {
            views.add(new FindingView(
                    ((Number) row[0]).longValue(),
                    (String) row[1],
                    ((Number) row[2]).intValue(),
                    (String) row[3],
                    (String) row[4],
                    (String) row[5],
                    row[6] == null ? null : ((Number) row[6]).longValue(),
                    (String) row[7],
                    (String) row[8],
                    (String) row[9],
                    (String) row[10],
                    Columns.instant(row[11])));
        }
        return views;
    }

    /** Moves a finding to acknowledged or resolved; audited. */
    public void settle(MemberIdentity officer, long finding, boolean resolve, String source) {
        String column = resolve ? "resolved" : "acknowledged";
        int changed = em.createNativeQuery("UPDATE compliance_finding SET status = ?1, " + column + "_by = ?2, "
                        + column + "_at = now() WHERE id = ?3 AND organization_id = ?4 AND status <> 'resolved'")
                .setParameter(1, column)
                .setParameter(2, officer.memberId())
                .setParameter(3, finding)
                .setParameter(4, officer.organizationId())
                .executeUpdate();
        if (changed == 0) {
            throw new QuorumException(QuorumError.FINDING_NOT_FOUND);
        }
        actions.fire(new ComplianceAction(
                Origin.of(officer, source), "compliance.finding." + column, "finding:" + finding, Map.of()));
    }
}
