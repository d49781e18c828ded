package dev.quorum.document.control;

import dev.quorum.document.entity.Document;
import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Where a document's text is stored and read: its newest text, its operations and its snapshots, in clear, or
 * sealed under the organization's key when the document's room is confidential — each value bound to the
 * document and revision it belongs to. Every read of a document's text goes through here, so a sealed one is
 * always opened, and a commit to a confidential document writes nothing of its text in clear.
 */
@ApplicationScoped
public class DocumentTexts {

    private static final Logger LOG = Logger.getLogger(DocumentTexts.class.getName());

    /** What a sealed operation's plain column holds. */
    static final String SEALED_OPERATION = "[]";

    /** A snapshot's revision and its text. */
    public record Snapshot(long revision, String text) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Sealing sealing;

    public static String contentOf(long doc) {
        return SealedPlaces.documentText(doc);
    }

    public static String operationOf(long doc, long revision) {
        return SealedPlaces.documentOperation(doc, revision);
    }

    public static String snapshotOf(long doc, long revision) {
        return SealedPlaces.documentSnapshot(doc, revision);
    }

    public static String quoteOf(long thread) {
        return SealedPlaces.threadQuote(thread);
    }

    public static String bodyOf(long comment) {
        return SealedPlaces.commentBody(comment);
    }

    public static String wordingOf(long comment, int version) {
        return SealedPlaces.commentWording(comment, version);
    }

    /** A comment's text as it is to be stored in a text column: sealed when the document is confidential. */
    public String storedText(Document document, boolean confidential, String boundTo, String text) {
        return confidential ? sealing.sealText(document.getOrganizationId(), boundTo, text) : text;
    }

    /** A comment's text as written, from what is stored (sealed or not). */
    public String openedText(long organization, String boundTo, String stored) {
        try {
            return sealing.openText(organization, boundTo, stored);
        } catch (IllegalStateException e) {
            LOG.warning("A sealed comment (" + boundTo + ") does not open: " + e.getMessage());
            throw new QuorumException(QuorumError.SEALED_UNREADABLE);
        }
    }

    /** The document with its sealed text opened for this transaction (read again after every refresh). */
    public Document opened(Document document) {
        if (document.isSealed()) {
            document.open(open(
                    document.getOrganizationId(),
                    document.getId(),
                    contentOf(document.getId()),
                    document.getContentSealed()));
        }
        return document;
    }

    /** Whether the document's text is to be sealed: its room is confidential. */
    public boolean confidential(Document document) {
        return Boolean.TRUE.equals(em.createNativeQuery("SELECT confidential FROM room WHERE id = ?1")
                .setParameter(1, document.getRoomId())
                .getSingleResult());
    }

    /** The text after one more committed operation, sealed when the document is confidential. */
    public void advance(Document document, String text, Instant now) {
        if (confidential(document)) {
            Sealing.Sealed sealed = sealing.seal(document.getOrganizationId(), contentOf(document.getId()), text);
            document.advanceSealed(text, sealed.bytes(), sealed.keyId(), now);
        } else {
            document.advance(text, now);
        }
    }

    /** Stores a committed operation, sealed like the text it made (call after {@link #advance}). */
    public void insertOperation(
            Document document, long revision, long baseRevision, long author, String clientId, String json) {
        Query insert;
        if (document.isSealed()) {
            Sealing.Sealed sealed =
                    sealing.seal(document.getOrganizationId(), operationOf(document.getId(), revision), json);
            insert = em.createNativeQuery("INSERT INTO document_operation (document_id, revision, base_revision, "
                            + "author_id, client_id, operation, sealed, sealed_key) VALUES (?1, ?2, ?3, ?4, ?5, "
                            + "CAST(?6 AS JSONB), ?7, ?8)")
                    .setParameter(6, SEALED_OPERATION)
                    .setParameter(7, sealed.bytes())
                    .setParameter(8, sealed.keyId());
        } else {
            insert = em.createNativeQuery("INSERT INTO document_operation (document_id, revision, base_revision, "
                            + "author_id, client_id, operation) VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS JSONB))")
                    .setParameter(6, json);
        }
        insert.setParameter(1, document.getId())
                .setParameter(2, revision)
                .setParameter(3, baseRevision)
                .setParameter(4, author)
                .setParameter(5, clientId)
                .executeUpdate();
    }

    /** Stores a snapshot of the text at a revision, sealed like the document's text. */
    public void snapshot(Document document, long revision, String text) {
        if (document.isSealed()) {
            Sealing.Sealed sealed =
                    sealing.seal(document.getOrganizationId(), snapshotOf(document.getId(), revision), text);
            em.createNativeQuery("INSERT INTO document_snapshot (document_id, revision, content, sealed, sealed_key) "
                            + "VALUES (?1, ?2, '', ?3, ?4) ON CONFLICT DO NOTHING")
                    .setParameter(1, document.getId())
                    .setParameter(2, revision)
                    .setParameter(3, sealed.bytes())
                    .setParameter(4, sealed.keyId())
                    .executeUpdate();
        } else {
            em.createNativeQuery("INSERT INTO document_snapshot (document_id, revision, content) VALUES (?1, ?2, ?3) "
                            + "ON CONFLICT DO NOTHING")
                    .setParameter(1, document.getId())
                    .setParameter(2, revision)
                    .setParameter(3, text)
                    .executeUpdate();
        }
    }

    /** The nearest snapshot at or before the revision. */
    public Snapshot snapshotAtOrBefore(Document document, long revision) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT revision, content, sealed FROM document_snapshot "
                        + "WHERE document_id = ?1 AND revision <= ?2 ORDER BY revision DESC LIMIT 1")
                .setParameter(1, document.getId())
                .setParameter(2, revision)
                .getSingleResult();
        long at = ((Number) row[0]).longValue();
        String text = row[2] == null
                ? (String) row[1]
                : open(document.getOrganizationId(), document.getId(), snapshotOf(document.getId(), at), (byte[])
                        row[2]);
        return new Snapshot(at, text);
    }

    /** The operations that made revisions afterRevision + 1 to upTo, in order. */
    @SuppressWarnings("unchecked")
    public List<TextOperation> operationsAfter(Document document, long afterRevision, long upTo) {
        List<Object[]> rows = em.createNativeQuery("SELECT revision, CAST(operation AS TEXT), sealed "
                        + "FROM document_operation WHERE document_id = ?1 AND revision > ?2 AND revision <= ?3 "
                        + "ORDER BY revision")
                .setParameter(1, document.getId())
                .setParameter(2, afterRevision)
                .setParameter(3, upTo)
                .getResultList();
        List<TextOperation> operations = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            long revision = ((Number) row[0]).longValue();
            String json = row[2] == null
                    ? (String) row[1]
                    : open(
                            document.getOrganizationId(),
                            document.getId(),
                            operationOf(document.getId(), revision),
                            (byte[]) row[2]);
            operations.add(TextOperationJson.decode("operation", JsonText.parse(json, "operation"), Integer.MAX_VALUE));
        }
        return operations;
    }

    private String open(long organization, long doc, String boundTo, byte[] sealed) {
        try {
            return sealing.open(organization, boundTo, sealed);
        } catch (IllegalStateException e) {
            LOG.warning("Document " + doc + ": a sealed value (" + boundTo + ") does not open: " + e.getMessage());
            throw new QuorumException(QuorumError.SEALED_UNREADABLE);
        }
    }
}
