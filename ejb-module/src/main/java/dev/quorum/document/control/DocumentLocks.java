package dev.quorum.document.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.Audience;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Locks on a document or on a section of it. Taking, renewing and releasing one locks the document's row,
 * as committing an operation does, so a lock and the operations around it are strictly ordered; each change
 * is announced in the document's room between the operations. Sections move with every committed
 * operation; an operation sent under a lock that is no longer active is refused (fencing).
 *
 * SQL on purpose: locks are read and moved on every operation's path.
 */
@Stateless
@DatabaseGuarded
public class DocumentLocks {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** A lock as clients see it; start and end are null for the whole document. */
    public record LockView(
            long id, long doc, String holder, Integer start, Integer end, String reason, Instant expiresAt) {}

    /** An active lock as the operation path needs it. */
    record ActiveLock(long id, long holderId, Integer start, Integer end) {
        boolean whole() {
            return start == null;
        }
    }

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    MessageLog log;

    public LockView acquire(MemberIdentity member, DocumentCommand.Lock lock) {
        Object[] head = lockDocument(member, lock.doc());
        long revision = ((Number) head[0]).longValue();
        String content = (String) head[1];
        Integer start = lock.start();
        Integer end = lock.end();
        if (start != null) {
            if (lock.revision() > revision) {
                throw new QuorumException(QuorumError.REVISION_UNKNOWN);
            }
            // a section chosen at an older revision moves through what was committed since
            for (TextOperation operation : OperationLog.after(em, lock.doc(), lock.revision(), revision)) {
                start = operation.transformPosition(start, true);
                end = operation.transformPosition(end);
            }
            int length = content.codePointCount(0, content.length());
            if (end > length || start > end) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE,
                        "The section lies outside the text (it has " + length + " characters).");
            }
        }
        for (ActiveLock other : active(lock.doc())) {
            if (other.holderId() == member.memberId()) {
                continue;
            }
            if (other.whole()) {
                throw new QuorumException(QuorumError.DOCUMENT_LOCKED);
            }
            if (start == null || (start < other.end() && other.start() < end)) {
                throw new QuorumException(
                        QuorumError.SECTION_LOCKED, "Someone else has locked that section, or part of it.");
            }
        }
        Instant expires = Instant.now().plusSeconds(lock.seconds());
        long id = ((Number) em.createNativeQuery("INSERT INTO document_lock (document_id, holder_id, section_start, "
                                + "section_end, reason, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id")
                        .setParameter(1, lock.doc())
                        .setParameter(2, member.memberId())
                        .setParameter(3, start)
                        .setParameter(4, end)
                        .setParameter(5, lock.reason())
                        .setParameter(6, java.sql.Timestamp.from(expires))
                        .getSingleResult())
                .longValue();
        LockView view = new LockView(id, lock.doc(), member.subject(), start, end, lock.reason(), expires);
        announce(member, "locked", view, (Long) head[2]);
        return view;
    }

    public LockView renew(MemberIdentity member, long doc, long lockId, int seconds) {
        Object[] head = lockDocument(member, doc);
        LockView view = own(member, doc, lockId);
        Instant expires = Instant.now().plusSeconds(seconds);
        em.createNativeQuery("UPDATE document_lock SET expires_at = ?1 WHERE id = ?2")
                .setParameter(1, java.sql.Timestamp.from(expires))
                .setParameter(2, lockId)
                .executeUpdate();
        LockView renewed =
                new LockView(view.id(), doc, view.holder(), view.start(), view.end(), view.reason(), expires);
        announce(member, "renewed", renewed, (Long) head[2]);
        return renewed;
    }

    public void release(MemberIdentity member, long doc, long lockId) {
        Object[] head = lockDocument(member, doc);
        LockView view = own(member, doc, lockId);
        em.createNativeQuery("UPDATE document_lock SET released_at = now() WHERE id = ?1")
                .setParameter(1, lockId)
                .executeUpdate();
        announce(member, "released", view, (Long) head[2]);
    }

    /** The active locks of a document, for a client that opens it. */
    public List<LockView> list(long doc) {
        List<LockView> views = new ArrayList<>();
        for (Object[] row : rows(
                "SELECT l.id, m.subject, l.section_start, l.section_end, l.reason, l.expires_at "
                        + "FROM document_lock l JOIN member m ON m.id = l.holder_id WHERE l.document_id = ?1 "
                        + "AND l.released_at IS NULL AND l.expires_at > now() ORDER BY l.id",
                doc)) {
            views.add(new LockView(
                    ((Number) row[0]).longValue(),
                    doc,
                    (String) row[1],
                    row[2] == null ? null : ((Number) row[2]).intValue(),
                    row[3] == null ? null : ((Number) row[3]).intValue(),
                    (String) row[4],
                    Columns.instant(row[5])));
        }
        return views;
    }

    /**
     * Refuses an operation (already transformed to the newest revision) that another member's lock forbids,
     * or that its author sent under a lock no longer active. For Documents, which holds the document row lock
     * (public only because the container calls EJBs through public methods).
     */
    public void admit(long doc, long authorId, TextOperation operation, Long underLock) {
        List<ActiveLock> locks = active(doc);
        if (underLock != null && locks.stream().noneMatch(l -> l.id() == underLock && l.holderId() == authorId)) {
            throw new QuorumException(QuorumError.LOCK_EXPIRED);
        }
        for (ActiveLock lock : locks) {
            if (lock.holderId() == authorId) {
                continue;
            }
            if (lock.whole()) {
                throw new QuorumException(QuorumError.DOCUMENT_LOCKED);
            }
            if (operation.touches(lock.start(), lock.end())) {
                throw new QuorumException(QuorumError.SECTION_LOCKED);
            }
        }
    }

    /** Moves every open section through a committed operation, in its transaction. */
    public void moveSections(long doc, TextOperation operation) {
        for (Object[] row : rows(
                "SELECT id, section_start, section_end FROM document_lock WHERE document_id = ?1 "
                        + "AND released_at IS NULL AND section_start IS NOT NULL",
                doc)) {
            int start = ((Number) row[1]).intValue();
            int end = ((Number) row[2]).intValue();
            int movedStart = operation.transformPosition(start, true);
            int movedEnd = Math.max(movedStart, operation.transformPosition(end));
            if (movedStart != start || movedEnd != end) {
                em.createNativeQuery("UPDATE document_lock SET section_start = ?1, section_end = ?2 WHERE id = ?3")
                        .setParameter(1, movedStart)
                        .setParameter(2, movedEnd)
                        .setParameter(3, ((Number) row[0]).longValue())
                        .executeUpdate();
            }
        }
    }

    private List<ActiveLock> active(long doc) {
        List<ActiveLock> locks = new ArrayList<>();
        for (Object[] row : rows(
                "SELECT id, holder_id, section_start, section_end FROM document_lock "
                        + "WHERE document_id = ?1 AND released_at IS NULL AND expires_at > now()",
                doc)) {
            locks.add(new ActiveLock(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    row[2] == null ? null : ((Number) row[2]).intValue(),
                    row[3] == null ? null : ((Number) row[3]).intValue()));
        }
        return locks;
    }

    private LockView own(MemberIdentity member, long doc, long lockId) {
        return list(doc).stream()
                .filter(l -> l.id() == lockId && l.holder().equals(member.subject()))
                .findFirst()
                .orElseThrow(() -> new QuorumException(QuorumError.LOCK_NOT_FOUND));
    }

    /** The document's revision, text and room, its row locked; refused when read-only or elsewhere. */
    private Object[] lockDocument(MemberIdentity member, long doc) {
        List<Object[]> found = rows(
                "SELECT revision, content, room_id, organization_id, status, archived "
                        + "FROM document WHERE id = ?1 FOR UPDATE",
                doc);
        if (found.isEmpty() || ((Number) found.get(0)[3]).longValue() != member.organizationId()) {
            throw new QuorumException(QuorumError.DOCUMENT_NOT_FOUND);
        }
        Object[] head = found.get(0);
        if ("final".equals(head[4]) || Boolean.TRUE.equals(head[5])) {
            throw new QuorumException(QuorumError.DOCUMENT_READ_ONLY);
        }
        return new Object[] {head[0], head[1], ((Number) head[2]).longValue()};
    }

    private void announce(MemberIdentity member, String event, LockView lock, long room) {
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
        log.append(
                room, member.memberId(), null, Priority.HIGH, "doc.lock", payload, Audience.room(), System.nanoTime());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, long doc) {
        return em.createNativeQuery(sql).setParameter(1, doc).getResultList();
    }
}
