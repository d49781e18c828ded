package dev.quorum.encryption.control;

import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
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

    /** Whether any room may hold values in clear although confidential, or any organization's keys retire. */
    public boolean anythingToSeal() {
        return (Boolean) em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM room WHERE seal_backlog_since IS NOT NULL) "
                        + "OR EXISTS (SELECT 1 FROM organization_key WHERE retiring)")
                .getSingleResult();
    }

    /**
     * Takes rooms off the backlog that were marked confidential more than {@code markedMillis} ago (by the
     * database's clock); answers how many. Called once the sweeps have found nothing to seal for that long.
     */
    public int clearBacklog(long markedMillis) {
        return em.createNativeQuery("UPDATE room SET seal_backlog_since = NULL "
                        + "WHERE seal_backlog_since < clock_timestamp() - ?1 * INTERVAL '1 millisecond'")
                .setParameter(1, markedMillis)
                .executeUpdate();
    }

    private static final String MESSAGE_COLUMNS =
            "SELECT m.id, m.room_id, m.sequence, r.organization_id, m.sealed, CAST(m.payload AS TEXT) ";

    /**
     * Seals up to {@code limit} messages still in clear in the backlog's rooms; answers how many. The rooms
     * first, then each one's messages: as one join, the planner read the whole message table for rooms it
     * guessed many (once per sweep, for as long as any room or rotation kept the sweeps busy).
     */
    @SuppressWarnings("unchecked")
    public int sealBacklog(int limit) {
        List<Object[]> rooms = em.createNativeQuery(
                        "SELECT r.id, r.organization_id FROM room r WHERE " + BACKLOG + " ORDER BY r.id")
                .getResultList();
        List<Object[]> rows = new ArrayList<>();
        for (Object[] room : rooms) {
            if (rows.size() >= limit) {
                break;
            }
            // in no order: any order would sort the room's whole history per batch
            rows.addAll(em.createNativeQuery(
                            "SELECT m.id, m.room_id, m.sequence, ?2, m.sealed, CAST(m.payload AS TEXT) "
                                    + "FROM message m WHERE m.room_id = ?3 AND m.sealed IS NULL LIMIT ?1 FOR UPDATE SKIP LOCKED")
                    .setParameter(1, limit - rows.size())
                    .setParameter(2, room[1])
                    .setParameter(3, room[0])
                    .getResultList());
        }
        return seal(rows);
    }

    /**
     * Seals again under the primary key up to {@code limit} messages sealed by a retiring key; answers how many.
     * Found by the retiring keys' ids (the partial index on {@code sealed_key}), in no order: ordered by id,
     * each batch read the organization's whole history, also the rows already sealed again.
     */
    @SuppressWarnings("unchecked")
    public int resealRetiring(int limit, List<OrganizationKeys.Retiring> retiring) {
        if (retiring.isEmpty()) {
            return 0;
        }
        List<Object[]> rows = new ArrayList<>();
        for (OrganizationKeys.Retiring keys : retiring) {
            if (rows.size() >= limit) {
                break;
            }
            rows.addAll(em.createNativeQuery(MESSAGE_COLUMNS
                            + "FROM message m JOIN room r ON r.id = m.room_id WHERE m.sealed IS NOT NULL "
                            + "AND m.sealed_key IN " + keys.sqlList() + " AND r.organization_id = ?2 "
                            + "LIMIT ?1 FOR UPDATE OF m SKIP LOCKED")
                    .setParameter(1, limit - rows.size())
                    .setParameter(2, keys.organization())
                    .getResultList());
        }
        return seal(rows);
    }

    /** Seals each message (id, room, sequence, organization, sealed, payload) under the primary key. */
    private int seal(List<Object[]> rows) {
        int done = 0;
        for (Object[] row : rows) {
            long room = ((Number) row[1]).longValue();
            long sequence = ((Number) row[2]).longValue();
            long organization = ((Number) row[3]).longValue();
            String boundTo = SealedPlaces.message(room, sequence);
            byte[] sealedBefore = (byte[]) row[4];
            if (sealedBefore != null && sealing.sealedByPrimary(organization, sealedBefore)) {
                continue; // this node's keyset is older than the database's: it catches up within seconds
            }
            Sealing.Sealed sealed = resealed(organization, boundTo, (String) row[5], sealedBefore);
            done += update(
                    "UPDATE message SET payload = '{}', sealed = ?1, sealed_key = ?2 WHERE id = ?3",
                    sealed,
                    // altered or moved: it never opens again; set aside so that it does not hold the rotation up
                    "UPDATE message SET sealed_key = " + UNOPENABLE + " WHERE id = ?3",
                    ((Number) row[0]).longValue(),
                    null);
        }
        return done;
    }

    /**
     * Has this transaction's next queries find rows by an index wherever one serves: the count of what a
     * retiring key still seals must use the partial index on {@code sealed_key}, which its statistics (taken
     * before a rotation, when most sealed rows had that key) would have the planner pass over for a read of
     * the whole table. (Not for the batches: forced onto that index, each walked the entries of rows already
     * sealed again, 137 million heap fetches for a million messages; left to the planner, one each.)
     */
    static void byKeyIdsOnly(EntityManager em) {
        em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
    }

    /** A room whose values may still be in clear although it is confidential (set when it became so). */
    private static final String BACKLOG = "r.seal_backlog_since IS NOT NULL AND r.confidential";

    /**
     * Where a confidential room's clear values are found, per kind of document value, and while keys retire
     * also those sealed by a retiring key (a condition no index serves, so only then).
     */
    private static String needsSealing(boolean rotating, String sealed, String key) {
        String clear = "(" + BACKLOG + " AND " + sealed + " IS NULL)";
        return !rotating
                ? clear
                : clear + " OR (k.retiring AND " + sealed + " IS NOT NULL AND " + key + " NOT IN (k.primary_key_id, "
                        + UNOPENABLE + "))";
    }

    /**
     * Seals or re-seals up to {@code limit} each of documents' newest texts, operations and snapshots (as
     * {@link #resealRetiring} does for messages); answers how many values.
     */
    @SuppressWarnings("unchecked")
    public int resealDocuments(int limit, List<OrganizationKeys.Retiring> retiring) {
        boolean rotating = !retiring.isEmpty();
        int done = 0;
        List<Object[]> texts = em.createNativeQuery("SELECT d.id, d.organization_id, d.content, d.content_sealed "
                        + "FROM document d JOIN room r ON r.id = d.room_id LEFT JOIN organization_key k "
                        + "ON k.organization_id = d.organization_id WHERE "
                        + needsSealing(rotating, "d.content_sealed", "d.sealed_key")
                        + " ORDER BY d.id LIMIT ?1 FOR UPDATE OF d SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : texts) {
            long doc = ((Number) row[0]).longValue();
            Sealing.Sealed sealed = resealed(
                    ((Number) row[1]).longValue(), SealedPlaces.documentText(doc), (String) row[2], (byte[]) row[3]);
            done += update(
                    "UPDATE document SET content = '', content_sealed = ?1, sealed_key = ?2 WHERE id = ?3",
                    sealed,
                    "UPDATE document SET sealed_key = " + UNOPENABLE + " WHERE id = ?3",
                    doc,
                    null);
        }
        for (String table : List.of("document_operation", "document_snapshot")) {
            boolean operations = table.equals("document_operation");
            String select = "SELECT v.document_id, v.revision, d.organization_id, "
                    + (operations ? "CAST(v.operation AS TEXT)" : "v.content") + ", v.sealed FROM " + table
                    + " v JOIN document d ON d.id = v.document_id ";
            // operations, one per edit, are many: a rotation finds them by the retiring keys' ids (as messages)
            boolean byKeyIds = operations && rotating;
            List<Object[]> rows = new ArrayList<>(em.createNativeQuery(select
                            + "JOIN room r ON r.id = d.room_id LEFT JOIN organization_key k "
                            + "ON k.organization_id = d.organization_id WHERE "
                            + needsSealing(rotating && !byKeyIds, "v.sealed", "v.sealed_key")
                            + " ORDER BY v.document_id, v.revision LIMIT ?1 FOR UPDATE OF v SKIP LOCKED")
                    .setParameter(1, limit)
                    .getResultList());
            for (OrganizationKeys.Retiring keys : byKeyIds ? retiring : List.<OrganizationKeys.Retiring>of()) {
                if (rows.size() >= limit) {
                    break;
                }
                rows.addAll(em.createNativeQuery(select + "WHERE v.sealed IS NOT NULL AND v.sealed_key IN "
                                + keys.sqlList() + " AND d.organization_id = ?2 LIMIT ?1 FOR UPDATE OF v SKIP LOCKED")
                        .setParameter(1, limit - rows.size())
                        .setParameter(2, keys.organization())
                        .getResultList());
            }
            for (Object[] row : rows) {
                long doc = ((Number) row[0]).longValue();
                long revision = ((Number) row[1]).longValue();
                String boundTo = operations
                        ? SealedPlaces.documentOperation(doc, revision)
                        : SealedPlaces.documentSnapshot(doc, revision);
                Sealing.Sealed sealed =
                        resealed(((Number) row[2]).longValue(), boundTo, (String) row[3], (byte[]) row[4]);
                done += update(
                        "UPDATE " + table + " SET " + (operations ? "operation = '[]'" : "content = ''")
                                + ", sealed = ?1, sealed_key = ?2 WHERE document_id = ?3 AND revision = ?4",
                        sealed,
                        "UPDATE " + table + " SET sealed_key = " + UNOPENABLE
                                + " WHERE document_id = ?3 AND revision = ?4",
                        doc,
                        revision);
            }
        }
        return done;
    }

    /** The value sealed under the primary key; null when a sealed value does not open (it is set aside). */
    private Sealing.Sealed resealed(long organization, String boundTo, String plain, byte[] sealedBefore) {
        String text;
        try {
            text = sealedBefore == null ? plain : sealing.open(organization, boundTo, sealedBefore);
        } catch (IllegalStateException e) {
            LOG.warning(boundTo + " does not open; set aside: " + e.getMessage());
            return null;
        }
        return sealing.seal(organization, boundTo, text);
    }

    private int update(String sealedUpdate, Sealing.Sealed sealed, String setAside, long id, Long revision) {
        jakarta.persistence.Query query = sealed == null
                ? em.createNativeQuery(setAside)
                : em.createNativeQuery(sealedUpdate)
                        .setParameter(1, sealed.bytes())
                        .setParameter(2, sealed.keyId());
        query.setParameter(3, id);
        if (revision != null) {
            query.setParameter(4, revision);
        }
        query.executeUpdate();
        return sealed == null ? 0 : 1;
    }

    /** Open secret motions' ballot salts sealed by a retiring key, sealed again under the primary. */
    @SuppressWarnings("unchecked")
    public int resealBallotSalts(int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT mo.id, mt.organization_id, mo.ballot_salt FROM motion mo "
                        + "JOIN meeting mt ON mt.id = mo.meeting_id JOIN organization_key k "
                        + "ON k.organization_id = mt.organization_id WHERE k.retiring AND mo.ballot_salt LIKE '"
                        + Sealing.TEXT_PREFIX
                        + "%' AND CASE WHEN mo.ballot_salt LIKE 'sealed:%' THEN split_part(mo.ballot_salt, ':', 2)::int END "
                        + "<> k.primary_key_id "
                        + "ORDER BY mo.id LIMIT ?1 FOR UPDATE OF mo SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        int done = 0;
        for (Object[] row : rows) {
            long motion = ((Number) row[0]).longValue();
            long organization = ((Number) row[1]).longValue();
            String boundTo = SealedPlaces.ballotSalt(motion);
            String salt;
            try {
                salt = sealing.openText(organization, boundTo, (String) row[2]);
            } catch (IllegalStateException e) {
                LOG.warning("The ballot salt of motion " + motion + " does not open: " + e.getMessage());
                continue;
            }
            em.createNativeQuery("UPDATE motion SET ballot_salt = ?1 WHERE id = ?2")
                    .setParameter(1, sealing.sealText(organization, boundTo, salt))
                    .setParameter(2, motion)
                    .executeUpdate();
            done++;
        }
        return done;
    }

    /** Where a text column needs sealing: in clear in a confidential room, or (while keys retire) sealed by a retiring key. */
    private static String textNeedsSealing(boolean rotating, String column) {
        String clear = "(" + BACKLOG + " AND " + column + " NOT LIKE '" + Sealing.TEXT_PREFIX + "%')";
        return !rotating
                ? clear
                : clear + " OR (k.retiring AND " + column + " LIKE '" + Sealing.TEXT_PREFIX
                        + "%' AND CASE WHEN " + column + " LIKE '" + Sealing.TEXT_PREFIX + "%' THEN split_part("
                        + column
                        + ", ':', 2)::int END <> k.primary_key_id)";
    }

    /** Comment quotes, bodies and earlier wordings of confidential documents, sealed or re-sealed. */
    @SuppressWarnings("unchecked")
    public int resealComments(int limit, boolean rotating) {
        String documents = " JOIN document d ON d.id = t.document_id JOIN room r ON r.id = d.room_id "
                + "LEFT JOIN organization_key k ON k.organization_id = d.organization_id WHERE ";
        int done = 0;
        List<Object[]> quotes = em.createNativeQuery("SELECT t.id, d.organization_id, t.quote FROM comment_thread t"
                        + documents + textNeedsSealing(rotating, "t.quote")
                        + " ORDER BY t.id LIMIT ?1 FOR UPDATE OF t SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : quotes) {
            long thread = ((Number) row[0]).longValue();
            done += resealText(
                    "UPDATE comment_thread SET quote = ?1 WHERE id = ?2",
                    thread,
                    null,
                    row,
                    SealedPlaces.threadQuote(thread));
        }
        List<Object[]> bodies = em.createNativeQuery("SELECT c.id, d.organization_id, c.body FROM comment c "
                        + "JOIN comment_thread t ON t.id = c.thread_id" + documents
                        + textNeedsSealing(rotating, "c.body")
                        + " ORDER BY c.id LIMIT ?1 FOR UPDATE OF c SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : bodies) {
            long comment = ((Number) row[0]).longValue();
            done += resealText(
                    "UPDATE comment SET body = ?1 WHERE id = ?2",
                    comment,
                    null,
                    row,
                    SealedPlaces.commentBody(comment));
        }
        List<Object[]> wordings = em.createNativeQuery("SELECT e.comment_id, d.organization_id, e.body, e.version "
                        + "FROM comment_edit e JOIN comment c ON c.id = e.comment_id JOIN comment_thread t "
                        + "ON t.id = c.thread_id" + documents + textNeedsSealing(rotating, "e.body")
                        + " ORDER BY e.comment_id, e.version LIMIT ?1 FOR UPDATE OF e SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : wordings) {
            long comment = ((Number) row[0]).longValue();
            int version = ((Number) row[3]).intValue();
            done += resealText(
                    "UPDATE comment_edit SET body = ?1 WHERE comment_id = ?2 AND version = ?3",
                    comment,
                    version,
                    row,
                    SealedPlaces.commentWording(comment, version));
        }
        return done;
    }

    /**
     * Texts of confidential meetings, sealed or re-sealed: transcript segments, analysis results, the minutes'
     * narratives and approved minutes.
     */
    @SuppressWarnings("unchecked")
    public int resealTranscripts(int limit, boolean rotating) {
        String meetings = " JOIN meeting mt ON mt.id = %s.meeting_id JOIN room r ON r.id = mt.room_id "
                + "LEFT JOIN organization_key k ON k.organization_id = mt.organization_id WHERE ";
        int done = 0;
        List<Object[]> segments = em.createNativeQuery(
                        "SELECT s.id, mt.organization_id, s.text FROM transcript_segment s"
                                + String.format(meetings, "s") + textNeedsSealing(rotating, "s.text")
                                + " ORDER BY s.id LIMIT ?1 FOR UPDATE OF s SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : segments) {
            long segment = ((Number) row[0]).longValue();
            done += resealText(
                    "UPDATE transcript_segment SET text = ?1 WHERE id = ?2",
                    segment,
                    null,
                    row,
                    SealedPlaces.transcriptSegment(segment));
        }
        List<Object[]> results = em.createNativeQuery("SELECT a.id, mt.organization_id, a.text FROM analysis_result a"
                        + String.format(meetings, "a") + "a.text IS NOT NULL AND ("
                        + textNeedsSealing(rotating, "a.text")
                        + ") ORDER BY a.id LIMIT ?1 FOR UPDATE OF a SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : results) {
            long result = ((Number) row[0]).longValue();
            done += resealText(
                    "UPDATE analysis_result SET text = ?1 WHERE id = ?2",
                    result,
                    null,
                    row,
                    SealedPlaces.analysisResult(result));
        }
        List<Object[]> narratives = em.createNativeQuery(
                        "SELECT n.id, mt.organization_id, n.text FROM minutes_narrative n"
                                + String.format(meetings, "n") + "(" + textNeedsSealing(rotating, "n.text")
                                // approved minutes' narratives are locked: one left in clear stays so
                                + ") AND (n.text LIKE 'sealed:%' OR NOT EXISTS (SELECT 1 FROM meeting_minutes a "
                                + "WHERE a.meeting_id = n.meeting_id)) ORDER BY n.id LIMIT ?1 FOR UPDATE OF n SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : narratives) {
            long narrative = ((Number) row[0]).longValue();
            done += resealText(
                    "UPDATE minutes_narrative SET text = ?1 WHERE id = ?2",
                    narrative,
                    null,
                    row,
                    SealedPlaces.minutesNarrative(narrative));
        }
        // approved minutes stay sealed once sealed (their lock allows nothing else): only re-sealed here
        List<Object[]> approved = em.createNativeQuery(
                        "SELECT a.meeting_id, mt.organization_id, a.markdown FROM meeting_minutes a"
                                + String.format(meetings, "a") + "a.markdown LIKE 'sealed:%' AND ("
                                + textNeedsSealing(rotating, "a.markdown")
                                + ") ORDER BY a.meeting_id LIMIT ?1 FOR UPDATE OF a SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        for (Object[] row : approved) {
            long meeting = ((Number) row[0]).longValue();
            done += resealText(
                    "UPDATE meeting_minutes SET markdown = ?1 WHERE meeting_id = ?2",
                    meeting,
                    null,
                    row,
                    SealedPlaces.approvedMinutes(meeting));
        }
        return done;
    }

    /** Seals a text column's value again under the primary key (row: id, organization, stored text). */
    private int resealText(String update, long id, Integer version, Object[] row, String boundTo) {
        long organization = ((Number) row[1]).longValue();
        String text;
        try {
            text = sealing.openText(organization, boundTo, (String) row[2]);
        } catch (IllegalStateException e) {
            LOG.warning(boundTo + " does not open; left as it is: " + e.getMessage());
            return 0;
        }
        jakarta.persistence.Query query = em.createNativeQuery(update)
                .setParameter(1, sealing.sealText(organization, boundTo, text))
                .setParameter(2, id);
        if (version != null) {
            query.setParameter(3, version);
        }
        query.executeUpdate();
        return 1;
    }
}
