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

    /** The member's document, its text opened if it is stored sealed. */
    static Document find(EntityManager em, DocumentTexts texts, MemberIdentity member, long doc) {
        return texts.opened(own(em, member, doc));
    }

    /** The document with its row locked until the transaction ends (its text read again, and opened). */
    static Document locked(EntityManager em, DocumentTexts texts, MemberIdentity member, long doc) {
        Document document = own(em, member, doc);
        em.refresh(document, LockModeType.PESSIMISTIC_WRITE);
        return texts.opened(document);
    }

    private static Document own(EntityManager em, MemberIdentity member, long doc) {
        Document document = em.find(Document.class, doc);
        if (document == null || document.getOrganizationId() != member.organizationId()) {
            throw new QuorumException(QuorumError.DOCUMENT_NOT_FOUND);
        }
        return document;
    }

    static void requireWritable(Document document) {
        if (document.isArchived() || document.getStatus() == DocumentStatus.FINAL) {
            throw new QuorumException(QuorumError.DOCUMENT_READ_ONLY);
        }
    }
}
