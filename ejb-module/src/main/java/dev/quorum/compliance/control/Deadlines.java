package dev.quorum.compliance.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.Priority;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * An organization's regulatory deadlines (filings, policy reviews): kept by compliance officers, reminded at
 * 30, 7 and 1 day before and on the day, and every day once overdue — then to the admins too — until done or
 * cancelled. Each reminder goes out once, whichever node finds it due first. Days are UTC days.
 */
@Stateless
@DatabaseGuarded
public class Deadlines {

    /** A stage of reminding, as stored ({@code reminded_stage}) and as sent. */
    enum Stage {
        NONE,
        THIRTY_DAYS,
        SEVEN_DAYS,
        ONE_DAY,
        TODAY,
        OVERDUE;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record DeadlineView(
            long id,
            String title,
            String kind,
            LocalDate dueOn,
            String status,
            long daysLeft,
            String lastReminder,
            Instant createdAt) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    ComplianceNotices notices;

    @Inject
    Event<ComplianceAction> actions;

    public DeadlineView create(MemberIdentity officer, String title, String kind, LocalDate dueOn, String source) {
        long id = ((Number) em.createNativeQuery("INSERT INTO compliance_deadline (organization_id, title, kind, "
                                + "due_on, created_by) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id")
                        .setParameter(1, officer.organizationId())
                        .setParameter(2, title)
                        .setParameter(3, kind)
                        .setParameter(4, Date.valueOf(dueOn))
                        .setParameter(5, officer.memberId())
                        .getSingleResult())
                .longValue();
        actions.fire(new ComplianceAction(
                Origin.of(officer, source),
                "compliance.deadline.create",
                "deadline:" + id,
                Map.of("kind", kind, "dueOn", dueOn.toString())));
        return find(officer.organizationId(), id);
    }

    /** Open deadlines first, by due date; then the settled ones, newest first. */
    @SuppressWarnings("unchecked")
    public List<DeadlineView> list(MemberIdentity member) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE organization_id = ?1 "
                        + "ORDER BY status <> 'open', CASE WHEN status = 'open' THEN due_on END, due_on DESC LIMIT 500")
                .setParameter(1, member.organizationId())
                .getResultList();
        return rows.stream().map(Deadlines::view).toList();
    }

    /** Marks an open deadline done or cancelled (audited); it is reminded no more. */
    public void settle(MemberIdentity officer, long id, boolean done, String source) {
        int changed = em.createNativeQuery("UPDATE compliance_deadline SET status = ?1, settled_by = ?2, "
                        + "settled_at = now() WHERE id = ?3 AND organization_id = ?4 AND status = 'open'")
                .setParameter(1, done ? "done" : "cancelled")
                .setParameter(2, officer.memberId())
                .setParameter(3, id)
                .setParameter(4, officer.organizationId())
                .executeUpdate();
        if (changed == 0) {
            throw new QuorumException(QuorumError.NOT_FOUND, "No open deadline with that id in your organization.");
        }
        actions.fire(new ComplianceAction(
                Origin.of(officer, source),
                done ? "compliance.deadline.done" : "compliance.deadline.cancel",
                "deadline:" + id,
                Map.of()));
    }

    /** Sends the reminders now due, each claimed by one node; answers how many went out. */
    @SuppressWarnings("unchecked")
    public int remindDue(int batch) {
        List<Object[]> due = em.createNativeQuery("UPDATE compliance_deadline d SET reminded_stage = s.stage, "
                        + "reminded_on = " + UTC_TODAY + " FROM (SELECT id, CASE WHEN due_on < " + UTC_TODAY
                        + " THEN 5 "
                        + "WHEN due_on = " + UTC_TODAY + " THEN 4 WHEN due_on = " + UTC_TODAY + " + 1 THEN 3 "
                        + "WHEN due_on <= " + UTC_TODAY + " + 7 THEN 2 WHEN due_on <= " + UTC_TODAY
                        + " + 30 THEN 1 ELSE 0 END "
                        + "AS stage FROM compliance_deadline WHERE status = 'open' AND due_on <= " + UTC_TODAY
                        + " + 30 "
                        + "ORDER BY due_on LIMIT ?1 FOR UPDATE SKIP LOCKED) s WHERE d.id = s.id AND ("
                        + "s.stage > d.reminded_stage OR (s.stage = 5 AND d.reminded_on < " + UTC_TODAY + ")) "
                        + "RETURNING d.id, d.organization_id, d.title, d.kind, d.due_on, s.stage")
                .setParameter(1, batch)
                .getResultList();
        for (Object[] row : due) {
            remind(row);
        }
        return due.size();
    }

    private void remind(Object[] row) {
        long organization = ((Number) row[1]).longValue();
        LocalDate dueOn = localDate(row[4]);
        Stage stage = Stage.values()[((Number) row[5]).intValue()];
        String payload = JSON.createObjectBuilder()
                .add("deadline", ((Number) row[0]).longValue())
                .add("title", (String) row[2])
                .add("kind", (String) row[3])
                .add("dueOn", dueOn.toString())
                .add("daysLeft", ChronoUnit.DAYS.between(today(), dueOn))
                .add("stage", stage.wireName())
                .build()
                .toString();
        boolean overdue = stage == Stage.OVERDUE;
        notices.send(
                organization,
                overdue ? Priority.CRITICAL : stage == Stage.TODAY ? Priority.HIGH : Priority.NORMAL,
                "deadline.reminder",
                payload,
                // overdue: escalated to the admins
                overdue ? ComplianceNotices.OFFICERS_AND_ADMINS : ComplianceNotices.OFFICERS);
    }

    /** Today as a UTC day, whatever the session's time zone. */
    private static final String UTC_TODAY = "(now() AT TIME ZONE 'UTC')::date";

    private static final String SELECT =
            "SELECT id, title, kind, due_on, status, reminded_stage, created_at " + "FROM compliance_deadline";

    @SuppressWarnings("unchecked")
    private DeadlineView find(long organization, long id) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE organization_id = ?1 AND id = ?2")
                .setParameter(1, organization)
                .setParameter(2, id)
                .getResultList();
        return view(rows.get(0));
    }

    private static DeadlineView view(Object[] row) {
        LocalDate dueOn = localDate(row[3]);
        int stage = ((Number) row[5]).intValue();
        return new DeadlineView(
                ((Number) row[0]).longValue(),
                (String) row[1],
                (String) row[2],
                dueOn,
                (String) row[4],
                ChronoUnit.DAYS.between(today(), dueOn),
                stage == 0 ? null : Stage.values()[stage].wireName(),
                Columns.instant(row[6]));
    }

    private static LocalDate localDate(Object value) {
        return value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
    }

    /** Today as the reminders count it: a UTC day. */
    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
