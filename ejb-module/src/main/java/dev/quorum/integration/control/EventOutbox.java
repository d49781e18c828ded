package dev.quorum.integration.control;

import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.List;

/**
 * The integrators' event outbox: an event is written in the transaction of its change; {@link EventRelay}
 * claims unsent events (SKIP LOCKED: nodes share the work; a claim older than 30 s, of a node that died between
 * claiming and sending, is claimed again), sends them and marks them sent.
 */
@Stateless
@DatabaseGuarded
public class EventOutbox {

    static final int BATCH = 200;
    private static final int STALE_CLAIM_SECONDS = 30;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    /** An event waiting for the broker: its sequence (id), its organization's slug, its JSON. */
    public record Pending(long id, String organization, String body) {}

    /** In the caller's transaction. */
    public void record(long organization, String json) {
        em.createNativeQuery("INSERT INTO integration_event (organization_id, body) VALUES (?1, ?2)")
                .setParameter(1, organization)
                .setParameter(2, json)
                .executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Pending> claim() {
        List<Object[]> rows = em.createNativeQuery(
                        "UPDATE integration_event e SET claimed_at = now() FROM organization o "
                                + "WHERE o.id = e.organization_id AND e.id IN (SELECT id FROM integration_event WHERE sent_at IS NULL "
                                + "AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => ?2)) ORDER BY id LIMIT ?1 "
                                + "FOR UPDATE SKIP LOCKED) RETURNING e.id, o.slug, e.body")
                .setParameter(1, BATCH)
                .setParameter(2, STALE_CLAIM_SECONDS)
                .getResultList();
        return rows.stream()
                .map(row -> new Pending(((Number) row[0]).longValue(), (String) row[1], (String) row[2]))
                .sorted(Comparator.comparingLong(Pending::id))
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markSent(List<Long> ids) {
        em.createNativeQuery("UPDATE integration_event SET sent_at = now() WHERE id = ANY (?1)")
                .setParameter(1, ids.toArray(Long[]::new))
                .executeUpdate();
        // a day of sent events is kept for operators; older ones go
        em.createNativeQuery("DELETE FROM integration_event WHERE sent_at < now() - interval '1 day'")
                .executeUpdate();
    }

    /** Sending failed (the broker is away): unclaimed, for the next sweep. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(List<Long> ids) {
        em.createNativeQuery("UPDATE integration_event SET claimed_at = NULL WHERE id = ANY (?1)")
                .setParameter(1, ids.toArray(Long[]::new))
                .executeUpdate();
    }
}
