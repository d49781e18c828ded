package dev.quorum.audit.control;

import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Appends to the audit trail, in the caller's transaction: a change and its record commit together or
 * not at all. Called without a transaction (a refusal worth recording), the record commits on its own.
 * Each entry is chained to its organization's previous one ({@link AuditChain}); appending locks the
 * organization's chain head until the transaction ends, so entries are chained in commit order.
 */
@Stateless
@DatabaseGuarded
public class AuditLog {

    /** The moment as text, the same whatever the session's time zone, for the chain's hash. */
    static final String OCCURRED_AT_UTC =
            "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    AuditChainKey key;

    public void record(
            Long organizationId, String actor, String action, String target, String detailJson, String source) {
        long organization = organizationId == null ? 0 : organizationId;
        Object[] head = (Object[]) em.createNativeQuery("INSERT INTO audit_chain_head (organization_id) VALUES (?1) "
                        + "ON CONFLICT (organization_id) DO UPDATE SET last_seq = audit_chain_head.last_seq "
                        + "RETURNING last_seq, last_hash")
                .setParameter(1, organization)
                .getSingleResult();
        long seq = ((Number) head[0]).longValue() + 1;
        String prevHash = (String) head[1];
        String actorDigest = AuditChain.actorDigest(actor);
        Object[] written = (Object[]) em.createNativeQuery("INSERT INTO audit_event (organization_id, actor, action, "
                        + "target, detail, source_address, chain_seq, prev_hash, actor_digest) "
                        + "VALUES (?1, ?2, ?3, ?4, CAST(?5 AS JSONB), ?6, ?7, ?8, ?9) "
                        + "RETURNING id, " + OCCURRED_AT_UTC + ", detail::text")
                .setParameter(1, organizationId)
                .setParameter(2, actor)
                .setParameter(3, action)
                .setParameter(4, target)
                .setParameter(5, detailJson)
                .setParameter(6, source)
                .setParameter(7, seq)
                .setParameter(8, prevHash)
                .setParameter(9, actorDigest)
                .getSingleResult();
        String hash = key.chain()
                .hash(new AuditChain.Entry(
                        organization,
                        seq,
                        prevHash,
                        (String) written[1],
                        actorDigest,
                        action,
                        target,
                        (String) written[2],
                        source));
        em.createNativeQuery("UPDATE audit_event SET entry_hash = ?1 WHERE id = ?2")
                .setParameter(1, hash)
                .setParameter(2, ((Number) written[0]).longValue())
                .executeUpdate();
        em.createNativeQuery("UPDATE audit_chain_head SET last_seq = ?1, last_hash = ?2 WHERE organization_id = ?3")
                .setParameter(1, seq)
                .setParameter(2, hash)
                .setParameter(3, organization)
                .executeUpdate();
    }
}
