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
     * re-encryption, when it was last rotated, how many messages are sealed, and how many values (messages,
     * documents' texts, operations and snapshots) are still to (re)seal.
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
                        + awaiting("message m JOIN room r ON r.id = m.room_id", "m.sealed", "m.sealed_key") + " + "
                        + awaiting("document d JOIN room r ON r.id = d.room_id", "d.content_sealed", "d.sealed_key")
                        + " + "
                        + awaiting(
                                "document_operation v JOIN document d ON d.id = v.document_id JOIN room r "
                                        + "ON r.id = d.room_id",
                                "v.sealed",
                                "v.sealed_key")
                        + " + "
                        + awaiting(
                                "document_snapshot v JOIN document d ON d.id = v.document_id JOIN room r "
                                        + "ON r.id = d.room_id",
                                "v.sealed",
                                "v.sealed_key")
                        + " "
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

    /** Values of a kind still in clear in a confidential room, or sealed by a key older than the primary. */
    private static String awaiting(String from, String sealed, String key) {
        return "(SELECT count(*) FROM " + from + " WHERE r.organization_id = k.organization_id AND ((r.confidential "
                + "AND " + sealed + " IS NULL) OR (" + sealed + " IS NOT NULL AND " + key
                + " NOT IN (k.primary_key_id, "
                + Resealing.UNOPENABLE + "))))";
    }

    public Status rotate(MemberIdentity admin, String source) {
        keys.load(admin.organizationId()); // committed on its own before the rotation locks the row
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
