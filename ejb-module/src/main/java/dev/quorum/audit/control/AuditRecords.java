package dev.quorum.audit.control;

import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The audit trail read back: verified link by link, and exported for auditors. */
@Stateless
@DatabaseGuarded
public class AuditRecords {

    /** One entry as auditors receive it. */
    public record Record(
            long id,
            long seq,
            Instant occurredAt,
            String actor,
            String action,
            String target,
            String detail,
            String source,
            String prevHash,
            String hash) {}

    /** A verification: how many links held, and the first that did not (null when all held). */
    public record Verification(long organization, long verified, boolean intact, Broken firstBroken) {}

    /** Where the chain breaks: the position, the entry's id (null when the entry is missing) and why. */
    public record Broken(long seq, Long id, String reason) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    AuditChainKey key;

    /**
     * Walks an organization's chain from its first entry: every position present once, every entry linked to
     * its predecessor's hash, every hash recomputed from the entry's fields, the actor matching its digest
     * (unless pseudonymised), and the head at the last entry (a deleted tail shows there).
     */
    @SuppressWarnings("unchecked")
    public Verification verify(long organization) {
        AuditChain chain = key.chain();
        long expectedSeq = 1;
        String previous = "";
        long verified = 0;
        try (Stream<Object[]> rows = em.createNativeQuery("SELECT id, chain_seq, prev_hash, "
                        + AuditLog.OCCURRED_AT_UTC + ", actor, actor_digest, action, target, detail::text, "
                        + "source_address, entry_hash FROM audit_event "
                        + "WHERE COALESCE(organization_id, 0) = ?1 AND chain_seq IS NOT NULL ORDER BY chain_seq")
                .setParameter(1, organization)
                .getResultStream()) {
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                long id = ((Number) row[0]).longValue();
                long seq = ((Number) row[1]).longValue();
                if (seq != expectedSeq) {
                    return broken(organization, verified, expectedSeq, null, "the entry at this position is missing");
                }
                String prevHash = (String) row[2];
                String actor = (String) row[4];
                String actorDigest = (String) row[5];
                if (!Objects.equals(prevHash, previous)) {
                    return broken(organization, verified, seq, id, "it does not link to the entry before it");
                }
                if (!actor.startsWith(PSEUDONYM_PREFIX)
                        && !AuditChain.actorDigest(actor).equals(actorDigest)) {
                    return broken(organization, verified, seq, id, "its actor was changed");
                }
                String recomputed = chain.hash(new AuditChain.Entry(
                        organization,
                        seq,
                        prevHash,
                        (String) row[3],
                        actorDigest,
                        (String) row[6],
                        (String) row[7],
                        (String) row[8],
                        (String) row[9]));
                if (!recomputed.equals(row[10])) {
                    return broken(organization, verified, seq, id, "its content was changed");
                }
                previous = recomputed;
                verified++;
                expectedSeq++;
            }
        }
        List<?> head = em.createNativeQuery(
                        "SELECT last_seq, last_hash FROM audit_chain_head WHERE organization_id = ?1")
                .setParameter(1, organization)
                .getResultList();
        if (!head.isEmpty()) {
            Object[] last = (Object[]) head.get(0);
            if (((Number) last[0]).longValue() != verified || !last[1].equals(previous)) {
                return broken(organization, verified, verified + 1, null, "entries after this position are missing");
            }
        }
        return new Verification(organization, verified, true, null);
    }

    /** An organization's entries in [from, to), oldest first, at most limit of them. */
    @SuppressWarnings("unchecked")
    public List<Record> export(long organization, Instant from, Instant to, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, COALESCE(chain_seq, 0), occurred_at, actor, action, "
                        + "target, detail::text, source_address, prev_hash, entry_hash FROM audit_event "
                        + "WHERE COALESCE(organization_id, 0) = ?1 AND occurred_at >= ?2 AND occurred_at < ?3 "
                        + "ORDER BY occurred_at, id LIMIT ?4")
                .setParameter(1, organization)
                .setParameter(2, java.sql.Timestamp.from(from))
                .setParameter(3, java.sql.Timestamp.from(to))
                .setParameter(4, limit)
                .getResultList();
        List<Record> records = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            records.add(new Record(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    Columns.instant(row[2]),
                    (String) row[3],
                    (String) row[4],
                    (String) row[5],
                    (String) row[6],
                    (String) row[7],
                    (String) row[8],
                    (String) row[9]));
        }
        return records;
    }

    /** How a pseudonymised actor begins (GDPR erasure): its digest no longer matches, by design. */
    public static final String PSEUDONYM_PREFIX = "erased:";

    private static Verification broken(long organization, long verified, long seq, Long id, String reason) {
        return new Verification(organization, verified, false, new Broken(seq, id, reason));
    }
}
