package dev.quorum.document.control;

import dev.quorum.document.entity.Document;
import dev.quorum.document.entity.DocumentStatus;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** A member's document, read or locked for a change; one place for the organization and read-only checks. */
final class DocumentRows {

    private DocumentRows() {}

    static Document find(EntityManager em, MemberIdentity member, long doc) {
        Document document = em.find(Document.class, doc);
        if (document == null || document.getOrganizationId() != member.organizationId()) {
            throw new QuorumException(QuorumError.DOCUMENT_NOT_FOUND);
        }
        return document;
    }

    /** The document with its row locked until the transaction ends. */
    static Document locked(EntityManager em, MemberIdentity member, long doc) {
        Document document = find(em, member, doc);
        em.refresh(document, LockModeType.PESSIMISTIC_WRITE);
        return document;
    }

    static void requireWritable(Document document) {
        if (document.isArchived() || document.getStatus() == DocumentStatus.FINAL) {
            throw new QuorumException(QuorumError.DOCUMENT_READ_ONLY);
        }
    }
}
