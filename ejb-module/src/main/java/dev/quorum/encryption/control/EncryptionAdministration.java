package dev.quorum.encryption.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;

/** An organization's admins see their key's state and rotate it (audited). */
@Stateless
@DatabaseGuarded
public class EncryptionAdministration {

    /**
     * The key's state: its primary key id, the keyset's version, whether older keys still await the end of
     * re-encryption, when it was last rotated, and how many messages are sealed and still to (re)seal.
     */
    public record Status(
            int primaryKeyId,
            int version,
            boolean retiring,
            Instant rotatedAt,
            long sealedMessages,
            long awaitingSealing) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    OrganizationKeys keys;

    @Inject
    Sealing sealing;

    @Inject
    Event<EncryptionAction> actions;

    public Status status(MemberIdentity admin) {
        keys.load(admin.organizationId());
        Object[] row = (Object[]) em.createNativeQuery("SELECT k.primary_key_id, k.version, k.retiring, k.rotated_at, "
                        + "(SELECT count(*) FROM message m JOIN room r ON r.id = m.room_id "
                        + " WHERE r.organization_id = k.organization_id AND m.sealed IS NOT NULL), "
                        + "(SELECT count(*) FROM message m JOIN room r ON r.id = m.room_id "
                        + " WHERE r.organization_id = k.organization_id AND ((r.confidential AND m.sealed IS NULL) "
                        + " OR (m.sealed IS NOT NULL AND m.sealed_key NOT IN (k.primary_key_id, " + Resealing.UNOPENABLE
                        + ")))) "
                        + "FROM organization_key k WHERE k.organization_id = ?1")
                .setParameter(1, admin.organizationId())
                .getSingleResult();
        return new Status(
                ((Number) row[0]).intValue(),
                ((Number) row[1]).intValue(),
                (Boolean) row[2],
                row[3] == null ? null : Columns.instant(row[3]),
                ((Number) row[4]).longValue(),
                ((Number) row[5]).longValue());
    }

    public Status rotate(MemberIdentity admin, String source) {
        OrganizationKeys.Stored rotated = keys.rotate(admin.organizationId());
        sealing.forget(admin.organizationId());
        actions.fire(new EncryptionAction(
                Origin.of(admin, source),
                "encryption.key.rotate",
                "organization:" + admin.organization(),
                Map.of("version", rotated.version(), "primaryKeyId", Keysets.primaryId(rotated.keyset()))));
        return status(admin);
    }
}
