package dev.quorum.analysis.control;

import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The analysis outbox: a job is written in the transaction that stored its input, so no job is lost and none
 * exists for data that rolled back. The relay claims pending jobs ({@code relaying}, SKIP LOCKED: nodes share
 * the work), sends them and marks them {@code queued}; a claim older than {@link #STALE_CLAIM_SECONDS} (its node
 * died between claiming and sending) is claimed again, and so is one queued long ago but never done: a job may
 * reach the broker twice, never not at all.
 */
@Stateless
@DatabaseGuarded
public class AnalysisJobs {

    static final int STALE_CLAIM_SECONDS = 30;
    /**
     * A job queued this long ago and still not done is sent again: its message was lost with a broker's store,
     * or dead-lettered before the job could be marked. A job done twice is stored once.
     */
    static final int LOST_MESSAGE_SECONDS = 900;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    /** A job as it travels on the queue. */
    public record QueuedJob(long id, long organization, long meeting, String kind, long subject) {}

    /**
     * Writes a job into the outbox, in the caller's transaction; answers its id, or null when the segment's job
     * exists already (a segment's job exists once).
     */
    public Long enqueue(long organization, long meeting, String kind, long subject) {
        List<?> id = em.createNativeQuery("INSERT INTO analysis_job (organization_id, meeting_id, kind, subject_id) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING RETURNING id")
                .setParameter(1, organization)
                .setParameter(2, meeting)
                .setParameter(3, kind)
                .setParameter(4, subject)
                .getResultList();
        return id.isEmpty() ? null : ((Number) id.get(0)).longValue();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<QueuedJob> claim(int limit) {
        List<Object[]> rows = em.createNativeQuery("UPDATE analysis_job SET status = 'relaying', relayed_at = now() "
                        + "WHERE id IN (SELECT id FROM analysis_job WHERE status = 'pending' OR (status = 'relaying' "
                        + "AND relayed_at < now() - make_interval(secs => ?2)) OR (status = 'queued' "
                        + "AND relayed_at < now() - make_interval(secs => ?3)) ORDER BY id LIMIT ?1 "
                        + "FOR UPDATE SKIP LOCKED) RETURNING id, organization_id, meeting_id, kind, subject_id")
                .setParameter(1, limit)
                .setParameter(2, STALE_CLAIM_SECONDS)
                .setParameter(3, LOST_MESSAGE_SECONDS)
                .getResultList();
        return rows.stream()
                .map(row -> new QueuedJob(
                        ((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue(),
                        (String) row[3],
                        ((Number) row[4]).longValue()))
                .sorted(java.util.Comparator.comparingLong(QueuedJob::id))
                .toList();
    }

    /** The broker has them: the consumer may already have finished one, which stays done. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markQueued(List<Long> jobs) {
        em.createNativeQuery("UPDATE analysis_job SET status = 'queued' WHERE status = 'relaying' AND id = ANY (?1)")
                .setParameter(1, jobs.toArray(Long[]::new))
                .executeUpdate();
    }

    /** Sending failed (the broker is away): back into the outbox for the next sweep. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(List<Long> jobs) {
        em.createNativeQuery("UPDATE analysis_job SET status = 'pending' WHERE status = 'relaying' AND id = ANY (?1)")
                .setParameter(1, jobs.toArray(Long[]::new))
                .executeUpdate();
    }

    /** How many jobs are in each state, for metrics and the analysis view. */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Long> countsByStatus(Long meeting) {
        List<Object[]> rows = em.createNativeQuery("SELECT status, count(*) FROM analysis_job"
                        + (meeting == null ? "" : " WHERE meeting_id = ?1") + " GROUP BY status")
                .setParameter(1, meeting == null ? 0L : meeting)
                .getResultList();
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (String status : List.of("pending", "relaying", "queued", "done", "failed")) {
            counts.put(status, 0L);
        }
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
