package dev.quorum.document.control;

import dev.quorum.document.entity.Document;
import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/** A document's committed operations read back in revision order, and ranges moved through them. */
final class OperationLog {

    private OperationLog() {}

    /** The operations that made revisions afterRevision + 1 to upTo. */
    @SuppressWarnings("unchecked")
    static List<TextOperation> after(EntityManager em, long doc, long afterRevision, long upTo) {
        List<Object> rows = em.createNativeQuery("SELECT CAST(operation AS TEXT) FROM document_operation "
                        + "WHERE document_id = ?1 AND revision > ?2 AND revision <= ?3 ORDER BY revision")
                .setParameter(1, doc)
                .setParameter(2, afterRevision)
                .setParameter(3, upTo)
                .getResultList();
        List<TextOperation> operations = new ArrayList<>(rows.size());
        for (Object row : rows) {
            operations.add(TextOperationJson.decode(
                    "operation", JsonText.parse((String) row, "operation"), Integer.MAX_VALUE));
        }
        return operations;
    }

    /** A range [start, end) of the text of a document. */
    record Range(int start, int end) {}

    /**
     * A range chosen in the text at {@code revision}, moved to the document's newest text as a selection moves
     * (text typed at either edge stays outside); refused when the revision is ahead of the document or the
     * range lies outside the text. For callers that hold the document's row lock.
     */
    static Range current(EntityManager em, Document document, long revision, int start, int end) {
        if (revision > document.getRevision()) {
            throw new QuorumException(QuorumError.REVISION_UNKNOWN);
        }
        for (TextOperation operation : after(em, document.getId(), revision, document.getRevision())) {
            start = operation.transformPosition(start, true);
            end = Math.max(start, operation.transformPosition(end));
        }
        String text = document.getContent();
        int length = text.codePointCount(0, text.length());
        if (end > length) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "The range lies outside the text (it has " + length + " characters).");
        }
        return new Range(start, end);
    }
}
