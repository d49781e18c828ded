package dev.quorum.document.control;

import dev.quorum.platform.control.JsonText;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/** A document's committed operations read back in revision order. */
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
}
