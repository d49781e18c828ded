package dev.quorum.compliance.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.routing.control.Priority;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;

/**
 * A risk score per organization and per meeting. Open findings weigh by severity (low 1, medium 3, high 8,
 * critical 20; acknowledged ones half), overdue deadlines 15 each and deadlines due within a week 3 each (the
 * organization's score only); a meeting's score is that of the findings in its room. Levels: low below 10,
 * medium below 30, high below 60, critical from 60. When a level changes a {@code risk.level} message goes to
 * the compliance room and its officers — once, whichever node notices first.
 */
@Stateless
@DatabaseGuarded
public class RiskScores {

    public record Risk(String scope, Long meeting, String title, BigDecimal score, String level) {}

    private static final String WEIGHT = "CASE f.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 3 WHEN 'high' THEN 8 "
            + "ELSE 20 END * CASE f.status WHEN 'open' THEN 1.0 ELSE 0.5 END";

    private static final String TODAY = "(now() AT TIME ZONE 'UTC')::date";

    /** Every scope's score: organizations, and meetings with findings or a level announced before. */
    private static final String SCORES = "SELECT o.id AS organization_id, 'organization' AS scope, NULL::bigint AS "
            + "meeting, NULL::text AS title, COALESCE((SELECT sum(" + WEIGHT + ") FROM compliance_finding f "
            + "WHERE f.organization_id = o.id AND f.status IN ('open', 'acknowledged')), 0) "
            + "+ 15 * (SELECT count(*) FROM compliance_deadline d WHERE d.organization_id = o.id "
            + "AND d.status = 'open' AND d.due_on < " + TODAY + ") "
            + "+ 3 * (SELECT count(*) FROM compliance_deadline d WHERE d.organization_id = o.id "
            + "AND d.status = 'open' AND d.due_on BETWEEN " + TODAY + " AND " + TODAY + " + 7) AS score "
            + "FROM organization o "
            + "UNION ALL SELECT mt.organization_id, 'meeting:' || mt.id, mt.id, mt.title, COALESCE(sum(" + WEIGHT
            + "), 0) FROM meeting mt LEFT JOIN compliance_finding f ON f.room_id = mt.room_id "
            + "AND f.status IN ('open', 'acknowledged') WHERE f.id IS NOT NULL OR EXISTS (SELECT 1 FROM risk_level r "
            + "WHERE r.organization_id = mt.organization_id AND r.scope = 'meeting:' || mt.id) "
            + "GROUP BY mt.organization_id, mt.id, mt.title";

    private static final String LEVEL = "CASE WHEN score < 10 THEN 'low' WHEN score < 30 THEN 'medium' "
            + "WHEN score < 60 THEN 'high' ELSE 'critical' END";

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    ComplianceNotices notices;

    /** The organization's scores now: its own first, then its meetings', highest first. */
    @SuppressWarnings("unchecked")
    public List<Risk> current(long organizationId) {
        List<Object[]> rows = em.createNativeQuery("SELECT scope, meeting, title, score, " + LEVEL + " FROM (" + SCORES
                        + ") s WHERE organization_id = ?1 ORDER BY meeting IS NOT NULL, score DESC, meeting")
                .setParameter(1, organizationId)
                .getResultList();
        return rows.stream().map(RiskScores::risk).toList();
    }

    /**
     * Stores every level that changed and announces it; answers how many changed. A scope's first level is
     * announced only when it is above low. Two nodes at once: the row lock lets one of them see the change.
     */
    @SuppressWarnings("unchecked")
    public int announceChanges() {
        List<Object[]> changed = em.createNativeQuery("WITH previous AS (SELECT organization_id, scope, level "
                        + "FROM risk_level), changed AS (INSERT INTO risk_level (organization_id, scope, score, level) "
                        + "SELECT organization_id, scope, score, " + LEVEL + " FROM (" + SCORES + ") s "
                        + "ON CONFLICT (organization_id, scope) DO UPDATE SET score = EXCLUDED.score, "
                        + "level = EXCLUDED.level, changed_at = now() WHERE risk_level.level <> EXCLUDED.level "
                        + "RETURNING organization_id, scope, score, level) "
                        + "SELECT c.organization_id, c.scope, c.score, c.level, p.level AS previous, mt.id, mt.title "
                        + "FROM changed c LEFT JOIN previous p ON p.organization_id = c.organization_id "
                        + "AND p.scope = c.scope LEFT JOIN meeting mt ON c.scope = 'meeting:' || mt.id "
                        + "WHERE p.level IS NOT NULL OR c.level <> 'low'")
                .getResultList();
        for (Object[] row : changed) {
            JsonObjectBuilder message = JSON.createObjectBuilder()
                    .add("scope", row[5] == null ? "organization" : "meeting")
                    .add("score", (BigDecimal) row[2])
                    .add("level", (String) row[3]);
            if (row[4] != null) {
                message.add("previous", (String) row[4]);
            }
            if (row[5] != null) {
                message.add("meeting", ((Number) row[5]).longValue()).add("title", (String) row[6]);
            }
            String level = (String) row[3];
            notices.send(
                    ((Number) row[0]).longValue(),
                    level.equals("critical") || level.equals("high") ? Priority.HIGH : Priority.NORMAL,
                    "risk.level",
                    message.build().toString(),
                    ComplianceNotices.OFFICERS);
        }
        return changed.size();
    }

    private static Risk risk(Object[] row) {
        return new Risk(
                row[1] == null ? "organization" : "meeting",
                row[1] == null ? null : ((Number) row[1]).longValue(),
                (String) row[2],
                (BigDecimal) row[3],
                (String) row[4]);
    }
}
