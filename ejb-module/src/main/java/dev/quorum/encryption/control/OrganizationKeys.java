package dev.quorum.encryption.control;

import com.google.crypto.tink.KeysetHandle;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each organization's keyset as stored: wrapped by the master key, created on first need, rotated (a new
 * primary key; the old ones kept) and retired (only the primary kept) under the row's lock, its version bumped
 * each time so every node reloads it.
 */
@Stateless
@DatabaseGuarded
public class OrganizationKeys {

    /** A keyset as one version of it was stored. */
    public record Stored(KeysetHandle keyset, int version, boolean retiring) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    MasterKey master;

    /**
     * How long after a rotation the older keys may be retired at the earliest: longer than any node keeps its
     * copy of the keyset, so that none still seals with them.
     */
    @Inject
    @ConfigProperty(name = "quorum.encryption.retire-after-seconds", defaultValue = "30")
    int retireAfterSeconds;

    /** The organization's keyset, created in its own transaction if it has none yet (a sealing may roll back). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Stored load(long organization) {
        Stored stored = read(organization, false);
        if (stored != null) {
            return stored;
        }
        try {
            KeysetHandle keyset = Keysets.generate();
            em.createNativeQuery("INSERT INTO organization_key (organization_id, wrapped_keyset, primary_key_id) "
                            + "VALUES (?1, ?2, ?3) ON CONFLICT (organization_id) DO NOTHING")
                    .setParameter(1, organization)
                    .setParameter(2, Keysets.wrap(keyset, master.aead(), organization))
                    .setParameter(3, Keysets.primaryId(keyset))
                    .executeUpdate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A keyset could not be created: " + e.getMessage(), e);
        }
        // another node may have won the insert: its keyset is the one
        return read(organization, false);
    }

    /** Adds a new primary key; everything sealed from now on uses it, and older content is sealed again. */
    public Stored rotate(long organization) {
        // created beforehand in a transaction of its own (load): creating it here, under this transaction's
        // lock, would make every other caller's load wait on it — this very request's included
        Stored current = read(organization, true);
        if (current == null) {
            throw new IllegalStateException("the organization's keyset is created (load) before it is rotated");
        }
        try {
            return store(organization, Keysets.rotated(current.keyset()), current.version(), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The keyset could not be rotated: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the keys older than the primary once nothing they sealed remains; answers whether it did. Their
     * material is gone for good after this: what they sealed could no longer be opened.
     */
    public boolean retireIfDone(long organization) {
        Stored current = read(organization, true);
        if (current == null || !current.retiring()) {
            return false;
        }
        boolean settled = ((Number) em.createNativeQuery("SELECT count(*) FROM organization_key WHERE "
                                        + "organization_id = ?1 AND rotated_at < now() - make_interval(secs => ?2)")
                                .setParameter(1, organization)
                                .setParameter(2, retireAfterSeconds)
                                .getSingleResult())
                        .longValue()
                > 0;
        if (!settled) {
            return false;
        }
        String olderKey = " NOT IN (?2, " + Resealing.UNOPENABLE + ")";
        // messages and operations, the large ones, through their sealed_key indexes by the older keys' ids (a
        // count, not LIMIT 1: with none left, LIMIT 1 made the planner read the whole table hoping for an early hit)
        String olderIds = " IN " + new Retiring(organization, Keysets.olderIds(current.keyset())).sqlList();
        Resealing.byKeyIdsOnly(em);
        long left = ((Number) em.createNativeQuery("SELECT (SELECT count(*) FROM message m JOIN room r "
                                + "ON r.id = m.room_id WHERE r.organization_id = ?1 AND m.sealed IS NOT NULL "
                                + "AND m.sealed_key" + olderIds
                                + ") + (SELECT count(*) FROM document d "
                                + "WHERE d.organization_id = ?1 AND d.content_sealed IS NOT NULL AND d.sealed_key"
                                + olderKey
                                + ") + (SELECT count(*) FROM document_operation o JOIN document d "
                                + "ON d.id = o.document_id WHERE d.organization_id = ?1 AND o.sealed IS NOT NULL "
                                + "AND o.sealed_key" + olderIds
                                + ") + (SELECT count(*) FROM document_snapshot s "
                                + "JOIN document d ON d.id = s.document_id WHERE d.organization_id = ?1 "
                                + "AND s.sealed IS NOT NULL AND s.sealed_key" + olderKey + ")")
                        .setParameter(1, organization)
                        .setParameter(2, Keysets.primaryId(current.keyset()))
                        .getSingleResult())
                .longValue();
        em.createNativeQuery("SET LOCAL enable_seqscan = on").executeUpdate();
        // a secret motion's ballot salt, while it is open
        long openBallots = ((Number) em.createNativeQuery("SELECT count(*) FROM motion mo JOIN meeting mt "
                                + "ON mt.id = mo.meeting_id WHERE mt.organization_id = ?1 AND mo.ballot_salt LIKE '"
                                + Sealing.TEXT_PREFIX + "%' AND CASE WHEN mo.ballot_salt LIKE 'sealed:%' "
                                + "THEN split_part(mo.ballot_salt, ':', 2)::int END <> ?2")
                        .setParameter(1, organization)
                        .setParameter(2, Keysets.primaryId(current.keyset()))
                        .getSingleResult())
                .longValue();
        long comments = ((Number) em.createNativeQuery("SELECT " + olderText("comment_thread t", "t.quote") + " + "
                                + olderText("comment c JOIN comment_thread t ON t.id = c.thread_id", "c.body") + " + "
                                + olderText(
                                        "comment_edit e JOIN comment c ON c.id = e.comment_id JOIN comment_thread t "
                                                + "ON t.id = c.thread_id",
                                        "e.body"))
                        .setParameter(1, organization)
                        .setParameter(2, Keysets.primaryId(current.keyset()))
                        .getSingleResult())
                .longValue();
        long transcripts = ((Number) em.createNativeQuery("SELECT "
                                + olderMeetingText("transcript_segment x", "x.text") + " + "
                                + olderMeetingText("analysis_result x", "x.text") + " + "
                                + olderMeetingText("minutes_narrative x", "x.text") + " + "
                                + olderMeetingText("meeting_minutes x", "x.markdown"))
                        .setParameter(1, organization)
                        .setParameter(2, Keysets.primaryId(current.keyset()))
                        .getSingleResult())
                .longValue();
        if (left > 0 || openBallots > 0 || comments > 0 || transcripts > 0) {
            return false;
        }
        try {
            store(organization, Keysets.primaryOnly(current.keyset()), current.version(), false);
            return true;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The keyset could not be trimmed: " + e.getMessage(), e);
        }
    }

    /** Comment texts of the organization (?1) sealed by another key than the primary (?2). */
    private static String olderText(String from, String column) {
        return "(SELECT count(*) FROM " + from
                + " JOIN document d ON d.id = t.document_id WHERE d.organization_id = ?1 "
                + "AND " + column + " LIKE '" + Sealing.TEXT_PREFIX + "%' AND CASE WHEN " + column + " LIKE '"
                + Sealing.TEXT_PREFIX + "%' THEN split_part(" + column + ", ':', 2)::int END <> ?2)";
    }

    /** Texts of the organization's (?1) meetings sealed by another key than the primary (?2). */
    private static String olderMeetingText(String from, String column) {
        return "(SELECT count(*) FROM " + from
                + " JOIN meeting mt ON mt.id = x.meeting_id WHERE mt.organization_id = ?1 "
                + "AND " + column + " LIKE '" + Sealing.TEXT_PREFIX + "%' AND CASE WHEN " + column + " LIKE '"
                + Sealing.TEXT_PREFIX + "%' THEN split_part(" + column + ", ':', 2)::int END <> ?2)";
    }

    /**
     * An organization whose older keys retire, and their ids: what they sealed is found by its key id (an
     * index), not by reading the organization's whole history for what another key sealed.
     */
    public record Retiring(long organization, List<Integer> olderKeyIds) {

        /** The older keys' ids as an SQL list (ids of this keyset, not input); {@code (NULL)} matches nothing. */
        public String sqlList() {
            List<String> ids = olderKeyIds.stream()
                    .filter(id -> id != Resealing.UNOPENABLE)
                    .map(String::valueOf)
                    .toList();
            return ids.isEmpty() ? "(NULL)" : "(" + String.join(", ", ids) + ")";
        }
    }

    /** The organizations whose older keys wait for re-encryption to finish, with those keys' ids. */
    @SuppressWarnings("unchecked")
    public List<Retiring> retiring() {
        List<Object> rows = em.createNativeQuery("SELECT organization_id FROM organization_key WHERE retiring")
                .getResultList();
        List<Retiring> retiring = new ArrayList<>();
        for (Object row : rows) {
            long organization = ((Number) row).longValue();
            Stored stored = read(organization, false);
            if (stored != null && stored.retiring()) {
                retiring.add(new Retiring(organization, Keysets.olderIds(stored.keyset())));
            }
        }
        return retiring;
    }

    /** The version each organization's keyset is at: a node whose copy is older reloads it. */
    public int version(long organization) {
        List<?> rows = em.createNativeQuery("SELECT version FROM organization_key WHERE organization_id = ?1")
                .setParameter(1, organization)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    private Stored store(long organization, KeysetHandle keyset, int version, boolean retiring)
            throws GeneralSecurityException {
        em.createNativeQuery("UPDATE organization_key SET wrapped_keyset = ?1, primary_key_id = ?2, version = ?3, "
                        + "retiring = ?4, rotated_at = CASE WHEN ?4 THEN now() ELSE rotated_at END "
                        + "WHERE organization_id = ?5")
                .setParameter(1, Keysets.wrap(keyset, master.aead(), organization))
                .setParameter(2, Keysets.primaryId(keyset))
                .setParameter(3, version + 1)
                .setParameter(4, retiring)
                .setParameter(5, organization)
                .executeUpdate();
        return new Stored(keyset, version + 1, retiring);
    }

    private Stored read(long organization, boolean forUpdate) {
        List<?> rows = em.createNativeQuery("SELECT wrapped_keyset, version, retiring FROM organization_key "
                        + "WHERE organization_id = ?1" + (forUpdate ? " FOR UPDATE" : ""))
                .setParameter(1, organization)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        try {
            return new Stored(
                    Keysets.unwrap((byte[]) row[0], master.aead(), organization),
                    ((Number) row[1]).intValue(),
                    (Boolean) row[2]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The organization's keyset does not open with this master key (was "
                            + "quorum.encryption.master-key changed?)",
                    e);
        }
    }
}
