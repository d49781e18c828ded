package dev.quorum.encryption.control;

import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.routing.control.MessageLog;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Background re-encryption, a batch per transaction: messages of a confidential room still stored in clear
 * (the room was marked confidential later) are sealed, and messages sealed by a key older than their
 * organization's primary (after a rotation) are sealed again under it. Rows are claimed with SKIP LOCKED, so
 * nodes share the work and a publish is never held up by it.
 */
@Stateless
@DatabaseGuarded
public class Resealing {

    /** The key id recorded for a sealed message that does not open: nothing re-seals it. */
    public static final int UNOPENABLE = 0;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Resealing.class.getName());

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Sealing sealing;

    /** Seals or re-seals up to {@code limit} messages; answers how many. */
    @SuppressWarnings("unchecked")
    public int resealBatch(int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.room_id, m.sequence, r.organization_id, m.sealed, "
                        + "CAST(m.payload AS TEXT) FROM message m JOIN room r ON r.id = m.room_id "
                        + "LEFT JOIN organization_key k ON k.organization_id = r.organization_id "
                        + "WHERE (r.confidential AND m.sealed IS NULL) "
                        + "OR (k.retiring AND m.sealed IS NOT NULL AND m.sealed_key NOT IN (k.primary_key_id, "
                        + UNOPENABLE + ")) "
                        + "ORDER BY m.id LIMIT ?1 FOR UPDATE OF m SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        int done = 0;
        for (Object[] row : rows) {
            long room = ((Number) row[1]).longValue();
            long sequence = ((Number) row[2]).longValue();
            long organization = ((Number) row[3]).longValue();
            String boundTo = MessageLog.boundTo(room, sequence);
            byte[] sealedBefore = (byte[]) row[4];
            if (sealedBefore != null && sealing.sealedByPrimary(organization, sealedBefore)) {
                continue; // this node's keyset is older than the database's: it catches up within seconds
            }
            String plaintext =
                    sealedBefore == null ? (String) row[5] : sealing.open(organization, boundTo, sealedBefore);
            Sealing.Sealed sealed = sealing.seal(organization, boundTo, plaintext);
            em.createNativeQuery("UPDATE message SET payload = '{}', sealed = ?1, sealed_key = ?2 WHERE id = ?3")
                    .setParameter(1, sealed.bytes())
                    .setParameter(2, sealed.keyId())
                    .setParameter(3, ((Number) row[0]).longValue())
                    .executeUpdate();
            done++;
        }
        return done;
    }
}
