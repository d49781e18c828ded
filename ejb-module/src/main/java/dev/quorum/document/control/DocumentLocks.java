package dev.quorum.document.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.document.entity.Document;
import dev.quorum.document.entity.DocumentLock;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.Audience;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Locks on a document or on a section of it. Taking, renewing and releasing one locks the document's row,
 * as committing an operation does, so a lock and the operations around it are strictly ordered; each change
 * is announced in the document's room between the operations. Sections move with every committed
 * operation; an operation sent under a lock that is no longer active is refused (fencing). Whether a lock
 * is active is decided by the database's clock, the same for every node.
 */
@Stateless
@DatabaseGuarded
public class DocumentLocks {

    private static final String ACTIVE = "SELECT l FROM DocumentLock l WHERE l.documentId = :doc "
            + "AND l.releasedAt IS NULL AND l.expiresAt > CURRENT_TIMESTAMP ORDER BY l.id";

    /** A lock as clients see it; start and end are null for the whole document. */
    public record LockView(
            long id, long doc, String holder, Integer start, Integer end, String reason, Instant expiresAt) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    DocumentTexts texts;

    @Inject
    MessageLog log;

    public LockView acquire(MemberIdentity member, DocumentCommand.Lock lock) {
        Document document = writable(member, lock.doc());
        Integer start = lock.start();
        Integer end = lock.end();
        if (start != null) {
            OperationLog.Range section = OperationLog.current(texts, document, lock.revision(), start, end);
            start = section.start();
            end = section.end();
        }
        for (DocumentLock other : active(lock.doc())) {
            if (other.getHolderId() == member.memberId()) {
                continue;
            }
            if (other.wholeDocument()) {
                throw new QuorumException(QuorumError.DOCUMENT_LOCKED);
            }
            if (start == null || (start < other.getSectionEnd() && other.getSectionStart() < end)) {
                throw new QuorumException(
                        QuorumError.SECTION_LOCKED, "Someone else has locked that section, or part of it.");
            }
        }
        DocumentLock taken = new DocumentLock(
                lock.doc(),
                member.memberId(),
                start,
                end,
                lock.reason(),
                Instant.now().plusSeconds(lock.seconds()));
        em.persist(taken);
        em.flush();
        LockView view = view(taken, member.subject());
        announce(member.memberId(), "locked", view, document.getRoomId());
        return view;
    }

    public LockView renew(MemberIdentity member, long doc, long lockId, int seconds) {
        Document document = writable(member, doc);
        DocumentLock lock = own(member, doc, lockId);
        lock.extendTo(Instant.now().plusSeconds(seconds));
        LockView view = view(lock, member.subject());
        announce(member.memberId(), "renewed", view, document.getRoomId());
        return view;
    }

    public void release(MemberIdentity member, long doc, long lockId) {
        Document document = writable(member, doc);
        DocumentLock lock = own(member, doc, lockId);
        lock.release(Instant.now());
        announce(member.memberId(), "released", view(lock, member.subject()), document.getRoomId());
    }

    /**
     * Ends the locks a member holds on the document of a room they are no longer present in, announced as
     * released because they left; a room that is not a document's has none. Answers how many ended.
     */
    public int releaseOnDeparture(long room, String subject) {
        List<Document> documents = em.createQuery("SELECT d FROM Document d WHERE d.roomId = :room", Document.class)
                .setParameter("room", room)
                .getResultList();
        if (documents.isEmpty()) {
            return 0;
        }
        Document document = documents.get(0);
        List<DocumentLock> held = em.createQuery(
                        "SELECT l FROM DocumentLock l, Member m WHERE l.documentId = :doc AND l.releasedAt IS NULL "
                                + "AND l.holderId = m.id AND m.subject = :subject AND m.organization.id = :organization",
                        DocumentLock.class)
                .setParameter("doc", document.getId())
                .setParameter("subject", subject)
                .setParameter("organization", document.getOrganizationId())
                .getResultList();
        if (held.isEmpty()) {
            return 0;
        }
        // ordered with the document's operations, as every other lock change is
        em.refresh(document, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        for (DocumentLock lock : held) {
            em.refresh(lock);
            if (lock.getReleasedAt() == null) {
                lock.release(now);
                announce(lock.getHolderId(), "left", view(lock, subject), document.getRoomId());
            }
        }
        return held.size();
    }

    /**
     * Ends the locks whose time ran out, announcing each as expired exactly once, whichever node gets there
     * first (rows another node is ending are skipped). Answers how many ended.
     */
    @SuppressWarnings("unchecked")
    public int endExpired(int batch) {
        List<Object[]> ended = em.createNativeQuery("UPDATE document_lock l SET released_at = l.expires_at "
                        + "FROM document d, member m WHERE d.id = l.document_id AND m.id = l.holder_id AND l.id IN "
                        + "(SELECT id FROM document_lock WHERE released_at IS NULL AND expires_at <= now() "
                        + "ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED) "
                        + "RETURNING l.id, l.document_id, m.subject, l.section_start, l.section_end, l.reason, "
                        + "l.expires_at, d.room_id, l.holder_id")
                .setParameter(1, batch)
                .getResultList();
        for (Object[] row : ended) {
            LockView lock = new LockView(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    (String) row[2],
                    row[3] == null ? null : ((Number) row[3]).intValue(),
                    row[4] == null ? null : ((Number) row[4]).intValue(),
                    (String) row[5],
                    dev.quorum.platform.control.Columns.instant(row[6]));
            announce(((Number) row[8]).longValue(), "expired", lock, ((Number) row[7]).longValue());
        }
        return ended.size();
    }

    /** The active locks of a document, for a client that opens it. */
    public List<LockView> list(long doc) {
        return active(doc).stream()
                .map(lock ->
                        view(lock, em.find(Member.class, lock.getHolderId()).getSubject()))
                .toList();
    }

    /**
     * Why an operation (already transformed to the newest revision) may not be committed: another member's
     * lock forbids it, or its author sent it under a lock no longer active; null when nothing stands in its
     * way. For Documents, which holds the document's row lock, and answered rather than thrown so that one
     * refused operation does not roll back the others committed with it.
     */
    public QuorumException refusal(long doc, long authorId, TextOperation operation, Long underLock) {
        List<DocumentLock> locks = active(doc);
        if (underLock != null
                && locks.stream().noneMatch(l -> l.getId() == underLock.longValue() && l.getHolderId() == authorId)) {
            return new QuorumException(QuorumError.LOCK_EXPIRED);
        }
        for (DocumentLock lock : locks) {
            if (lock.getHolderId() == authorId) {
                continue;
            }
            if (lock.wholeDocument()) {
                return new QuorumException(QuorumError.DOCUMENT_LOCKED);
            }
            if (operation.touches(lock.getSectionStart(), lock.getSectionEnd())) {
                return new QuorumException(QuorumError.SECTION_LOCKED);
            }
        }
        return null;
    }

    /** Moves every open section through a committed operation, in its transaction (for Documents). */
    public void moveSections(long doc, TextOperation operation) {
        List<DocumentLock> sections = em.createQuery(
                        "SELECT l FROM DocumentLock l WHERE l.documentId = :doc AND l.releasedAt IS NULL "
                                + "AND l.sectionStart IS NOT NULL",
                        DocumentLock.class)
                .setParameter("doc", doc)
                .getResultList();
        for (DocumentLock section : sections) {
            int start = operation.transformPosition(section.getSectionStart(), true);
            section.moveSection(start, Math.max(start, operation.transformPosition(section.getSectionEnd())));
        }
    }

    private List<DocumentLock> active(long doc) {
        return em.createQuery(ACTIVE, DocumentLock.class)
                .setParameter("doc", doc)
                .getResultList();
    }

    private DocumentLock own(MemberIdentity member, long doc, long lockId) {
        return active(doc).stream()
                .filter(l -> l.getId() == lockId && l.getHolderId() == member.memberId())
                .findFirst()
                .orElseThrow(() -> new QuorumException(QuorumError.LOCK_NOT_FOUND));
    }

    /** The document with its row locked; refused when it is elsewhere or read-only. */
    private Document writable(MemberIdentity member, long doc) {
        Document document = DocumentRows.locked(em, texts, member, doc);
        DocumentRows.requireWritable(document);
        return document;
    }

    private static LockView view(DocumentLock lock, String holder) {
        return new LockView(
                lock.getId(),
                lock.getDocumentId(),
                holder,
                lock.getSectionStart(),
                lock.getSectionEnd(),
                lock.getReason(),
                lock.getExpiresAt());
    }

    /** Lock changes go at high priority: an editor must learn at once that a section is closed or open. */
    private void announce(long senderId, String event, LockView lock, long room) {
        JsonObjectBuilder view = JSON.createObjectBuilder()
                .add("id", lock.id())
                .add("holder", lock.holder())
                .add("reason", lock.reason())
                .add("expiresAt", lock.expiresAt().toString());
        if (lock.start() != null) {
            view.add("start", lock.start()).add("end", lock.end());
        }
        String payload = JSON.createObjectBuilder()
                .add("doc", lock.doc())
                .add("event", event)
                .add("lock", view)
                .build()
                .toString();
        log.append(room, senderId, null, Priority.HIGH, "doc.lock", payload, Audience.room(), System.nanoTime());
    }
}
