package dev.quorum.document.control;

import dev.quorum.document.entity.Comment;
import dev.quorum.document.entity.CommentThread;
import dev.quorum.document.entity.Document;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.control.RoomAccess;
import dev.quorum.routing.control.Audience;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comment threads on a document. Each change takes the document's row lock, as an operation does, so a
 * thread's anchor is exact at the revision announced with it; the change is announced in the document's
 * room ({@code doc.comment}, the whole thread) and passes the domain events. A member mentioned as
 * {@code @subject} hears of it at once on every connection (a direct message) and finds it in the lobby.
 */
@Stateless
@DatabaseGuarded
public class DocumentComments {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** {@code @alice}, not inside an e-mail address or a word. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,99})");

    private static final int MAX_MENTIONS = 20;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    DocumentTexts texts;

    @Inject
    MessageLog log;

    @Inject
    RoomAccess rooms;

    @Inject
    Event<CommentChanged> changes;

    @Inject
    Event<ContentSubmitted> contents;

    /** Starts a thread on [start, end) of the text at {@code revision}, with its first comment. */
    public CommentView start(MemberIdentity member, DocumentCommand.StartThread request, String source) {
        Document document = writable(member, request.doc());
        OperationLog.Range range =
                OperationLog.current(texts, document, request.revision(), request.start(), request.end());
        int start = range.start();
        int end = range.end();
        String text = document.getContent();
        String quote = text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
        String body = screened(member, document, request.body(), source);
        Instant now = Instant.now();
        boolean sealed = texts.confidential(document);
        // a confidential document's comments are sealed, bound to their ids: stored once the ids exist
        CommentThread thread = new CommentThread(
                document.getId(), member.memberId(), start, end, sealed ? "" : abbreviate(quote, 2000), now);
        em.persist(thread);
        em.flush();
        if (sealed) {
            thread.storeQuote(
                    texts.storedText(document, true, DocumentTexts.quoteOf(thread.getId()), abbreviate(quote, 2000)));
        }
        Comment first = newComment(document, sealed, thread, member, body, now);
        return changed(member, document, thread, first, "comment.start", body, source);
    }

    public CommentView reply(MemberIdentity member, long doc, long threadId, String text, String source) {
        Document document = writable(member, doc);
        CommentThread thread = thread(document, threadId);
        String body = screened(member, document, text, source);
        Comment reply = newComment(document, texts.confidential(document), thread, member, body, Instant.now());
        return changed(member, document, thread, reply, "comment.reply", body, source);
    }

    /** A new wording of the member's own comment; the earlier one is kept. */
    public CommentView reword(MemberIdentity member, long doc, long commentId, String text, String source) {
        Document document = writable(member, doc);
        String body = screened(member, document, text, source);
        Comment comment = em.find(Comment.class, commentId);
        if (comment == null) {
            throw new QuorumException(QuorumError.COMMENT_NOT_FOUND);
        }
        CommentThread thread = thread(document, comment.getThreadId());
        if (comment.getAuthorId() != member.memberId()) {
            throw new QuorumException(QuorumError.FORBIDDEN, "Only its author changes a comment.");
        }
        boolean sealed = texts.confidential(document);
        String before =
                texts.openedText(document.getOrganizationId(), DocumentTexts.bodyOf(commentId), comment.getBody());
        int version = ((Number) em.createNativeQuery(
                                "SELECT COALESCE(MAX(version), 0) + 1 FROM comment_edit WHERE comment_id = ?1")
                        .setParameter(1, commentId)
                        .getSingleResult())
                .intValue();
        em.createNativeQuery("INSERT INTO comment_edit (comment_id, version, body) VALUES (?1, ?2, ?3)")
                .setParameter(1, commentId)
                .setParameter(2, version)
                .setParameter(
                        3, texts.storedText(document, sealed, DocumentTexts.wordingOf(commentId, version), before))
                .executeUpdate();
        comment.reword(texts.storedText(document, sealed, DocumentTexts.bodyOf(commentId), body), Instant.now());
        return changed(member, document, thread, comment, "comment.edit", body, source);
    }

    /** Resolves an open thread or reopens a resolved one; doing what is already done changes nothing. */
    public CommentView resolve(MemberIdentity member, long doc, long threadId, boolean resolved, String source) {
        Document document = writable(member, doc);
        CommentThread thread = thread(document, threadId);
        if (thread.isResolved() == resolved) {
            return view(document, thread);
        }
        if (resolved) {
            thread.resolve(member.memberId(), Instant.now());
        } else {
            thread.reopen();
        }
        return changed(member, document, thread, null, resolved ? "comment.resolve" : "comment.reopen", null, source);
    }

    /** Every thread of the document, resolved and detached ones too, in the order of their anchors. */
    public List<CommentView> list(MemberIdentity member, long doc) {
        Document document = DocumentRows.find(em, texts, member, doc);
        return em.createQuery(
                        "SELECT t FROM CommentThread t WHERE t.documentId = :doc ORDER BY t.anchorStart, t.id",
                        CommentThread.class)
                .setParameter("doc", doc)
                .getResultStream()
                .map(thread -> view(document, thread))
                .toList();
    }

    /** The wordings of a comment, oldest first, the current one last (its {@code until} is null). */
    @SuppressWarnings("unchecked")
    public List<CommentView.Wording> wordings(MemberIdentity member, long doc, long commentId) {
        Document document = DocumentRows.find(em, texts, member, doc);
        Comment comment = em.find(Comment.class, commentId);
        if (comment == null) {
            throw new QuorumException(QuorumError.COMMENT_NOT_FOUND);
        }
        thread(document, comment.getThreadId());
        List<CommentView.Wording> wordings = new ArrayList<>();
        long organization = document.getOrganizationId();
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                        "SELECT version, body, replaced_at FROM comment_edit WHERE comment_id = ?1 ORDER BY version")
                .setParameter(1, commentId)
                .getResultList()) {
            int version = ((Number) row[0]).intValue();
            wordings.add(new CommentView.Wording(
                    version,
                    texts.openedText(organization, DocumentTexts.wordingOf(commentId, version), (String) row[1]),
                    Columns.instant(row[2])));
        }
        wordings.add(new CommentView.Wording(
                wordings.size() + 1,
                texts.openedText(organization, DocumentTexts.bodyOf(commentId), comment.getBody()),
                null));
        return wordings;
    }

    /**
     * Moves every attached anchor through a committed operation, in its transaction, and announces the
     * threads whose text it deleted (for Documents, which holds the document's row lock).
     */
    public void moveAnchors(Document document, TextOperation operation) {
        List<CommentThread> threads = em.createQuery(
                        "SELECT t FROM CommentThread t WHERE t.documentId = :doc AND t.detached = false",
                        CommentThread.class)
                .setParameter("doc", document.getId())
                .getResultList();
        for (CommentThread thread : threads) {
            // text typed at either edge stays outside the anchor, as in every word processor
            int start = operation.transformPosition(thread.getAnchorStart(), true);
            int end = Math.max(start, operation.transformPosition(thread.getAnchorEnd()));
            if (start == thread.getAnchorStart() && end == thread.getAnchorEnd()) {
                continue;
            }
            if (thread.moveAnchor(start, end)) {
                announce(document, thread.getAuthorId(), "detached", view(document, thread));
            }
        }
    }

    /** The caller's mentions, unseen first, newest first within each. */
    @SuppressWarnings("unchecked")
    public List<CommentView.Mention> mentions(MemberIdentity member, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT n.id, d.id, d.title, c.thread_id, c.id, m.subject, "
                        + "m.display_name, c.body, n.created_at, n.seen_at IS NOT NULL FROM mention n "
                        + "JOIN comment c ON c.id = n.comment_id JOIN comment_thread t ON t.id = c.thread_id "
                        + "JOIN document d ON d.id = t.document_id JOIN member m ON m.id = c.author_id "
                        + "WHERE n.member_id = ?1 AND d.archived = FALSE "
                        + "ORDER BY n.seen_at IS NOT NULL, n.id DESC LIMIT ?2")
                .setParameter(1, member.memberId())
                .setParameter(2, limit)
                .getResultList();
        List<CommentView.Mention> mentions = new ArrayList<>();
        for (Object[] row : rows) {
            mentions.add(new CommentView.Mention(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    (String) row[2],
                    ((Number) row[3]).longValue(),
                    ((Number) row[4]).longValue(),
                    (String) row[5],
                    (String) row[6],
                    abbreviate(
                            texts.openedText(
                                    member.organizationId(),
                                    DocumentTexts.bodyOf(((Number) row[4]).longValue()),
                                    (String) row[7]),
                            200),
                    Columns.instant(row[8]),
                    (Boolean) row[9]));
        }
        return mentions;
    }

    /** Marks the caller's mentions in one document as seen; answers how many were new. */
    public int markSeen(MemberIdentity member, long doc) {
        DocumentRows.find(em, texts, member, doc);
        return em.createNativeQuery("UPDATE mention n SET seen_at = now() FROM comment c, comment_thread t "
                        + "WHERE n.member_id = ?1 AND n.seen_at IS NULL AND c.id = n.comment_id "
                        + "AND t.id = c.thread_id AND t.document_id = ?2")
                .setParameter(1, member.memberId())
                .setParameter(2, doc)
                .executeUpdate();
    }

    /** The comment as the content observers (compliance) let it be stored. */
    private String screened(MemberIdentity member, Document document, String body, String source) {
        ContentSubmitted content = new ContentSubmitted(
                Origin.of(member, source), "comment", document.getRoomId(), "document:" + document.getId(), body);
        contents.fire(content);
        return content.text();
    }

    private CommentView changed(
            MemberIdentity member,
            Document document,
            CommentThread thread,
            Comment comment,
            String action,
            String text,
            String source) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("doc", document.getId());
        if (comment != null) {
            detail.put("comment", comment.getId());
            detail.put("mentions", List.copyOf(mention(member, document, thread, comment, text)));
        }
        changes.fire(
                new CommentChanged(Origin.of(member, source), document.getId(), thread.getId(), action, text, detail));
        CommentView view = view(document, thread);
        announce(document, member.memberId(), action.substring("comment.".length()), view);
        return view;
    }

    /** Records and notifies the members a comment newly mentions; answers their subjects. */
    private Set<String> mention(
            MemberIdentity author, Document document, CommentThread thread, Comment comment, String body) {
        Set<String> named = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(body);
        while (matcher.find() && named.size() < MAX_MENTIONS) {
            named.add(matcher.group(1));
        }
        named.remove(author.subject());
        Set<String> notified = new LinkedHashSet<>();
        for (String subject : named) {
            List<Member> found = em.createQuery(
                            "SELECT m FROM Member m WHERE m.organization.id = :organization AND m.subject = :subject",
                            Member.class)
                    .setParameter("organization", author.organizationId())
                    .setParameter("subject", subject)
                    .getResultList();
            if (found.isEmpty() || !found.get(0).isActive()) {
                continue;
            }
            Member mentioned = found.get(0);
            List<?> inserted = em.createNativeQuery("INSERT INTO mention (member_id, comment_id) VALUES (?1, ?2) "
                            + "ON CONFLICT DO NOTHING RETURNING id")
                    .setParameter(1, mentioned.getId())
                    .setParameter(2, comment.getId())
                    .getResultList();
            if (inserted.isEmpty()) {
                continue; // mentioned in an earlier wording already
            }
            notified.add(subject);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", ((Number) inserted.get(0)).longValue());
            data.put("doc", document.getId());
            data.put("title", document.getTitle());
            data.put("thread", thread.getId());
            data.put("comment", comment.getId());
            data.put("by", author.subject());
            data.put("byName", author.displayName());
            data.put("excerpt", abbreviate(body, 200));
            long room = rooms.directRoom(
                    author.organizationId(), author.memberId(), author.subject(), mentioned.getId(), subject);
            log.append(
                    room,
                    author.memberId(),
                    UUID.randomUUID().toString(),
                    Priority.HIGH,
                    "mention",
                    JSONB.toJson(data),
                    Audience.direct(author.organizationId(), Set.of(subject)),
                    System.nanoTime());
        }
        return notified;
    }

    private void announce(Document document, long senderId, String event, CommentView thread) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("doc", document.getId());
        data.put("event", event);
        data.put("thread", thread);
        log.append(
                document.getRoomId(),
                senderId,
                null,
                Priority.NORMAL,
                "doc.comment",
                JSONB.toJson(data),
                Audience.room(),
                System.nanoTime());
    }

    @SuppressWarnings("unchecked")
    private CommentView view(Document document, CommentThread thread) {
        List<Object[]> rows = em.createNativeQuery("SELECT c.id, m.subject, m.display_name, c.body, c.created_at, "
                        + "c.edited_at, (SELECT COUNT(*) FROM comment_edit e WHERE e.comment_id = c.id) "
                        + "FROM comment c JOIN member m ON m.id = c.author_id WHERE c.thread_id = ?1 ORDER BY c.id")
                .setParameter(1, thread.getId())
                .getResultList();
        List<CommentView.Entry> comments = new ArrayList<>();
        for (Object[] row : rows) {
            long comment = ((Number) row[0]).longValue();
            comments.add(new CommentView.Entry(
                    comment,
                    (String) row[1],
                    (String) row[2],
                    texts.openedText(document.getOrganizationId(), DocumentTexts.bodyOf(comment), (String) row[3]),
                    Columns.instant(row[4]),
                    row[5] == null ? null : Columns.instant(row[5]),
                    ((Number) row[6]).intValue() + 1));
        }
        Map<Long, Member> people = new HashMap<>();
        Member author = people.computeIfAbsent(thread.getAuthorId(), id -> em.find(Member.class, id));
        Member resolver = thread.getResolvedBy() == null ? null : em.find(Member.class, thread.getResolvedBy());
        return new CommentView(
                thread.getId(),
                document.getId(),
                document.getRevision(),
                thread.getAnchorStart(),
                thread.getAnchorEnd(),
                texts.openedText(
                        document.getOrganizationId(), DocumentTexts.quoteOf(thread.getId()), thread.getQuote()),
                thread.isDetached(),
                thread.isResolved(),
                resolver == null ? null : resolver.getSubject(),
                thread.getResolvedAt(),
                author.getSubject(),
                author.getDisplayName(),
                thread.getCreatedAt(),
                comments);
    }

    /** A new comment, its body sealed (bound to its id) on a confidential document. */
    private Comment newComment(
            Document document, boolean sealed, CommentThread thread, MemberIdentity author, String body, Instant now) {
        Comment comment = new Comment(thread.getId(), author.memberId(), sealed ? SEALING : body, now);
        em.persist(comment);
        em.flush();
        if (sealed) {
            comment.store(texts.storedText(document, true, DocumentTexts.bodyOf(comment.getId()), body));
        }
        return comment;
    }

    /** What a sealed comment's body holds until its id is known, within its own transaction. */
    private static final String SEALING = "…";

    private CommentThread thread(Document document, long threadId) {
        CommentThread thread = em.find(CommentThread.class, threadId);
        if (thread == null || thread.getDocumentId() != document.getId()) {
            throw new QuorumException(QuorumError.COMMENT_NOT_FOUND);
        }
        return thread;
    }

    private Document writable(MemberIdentity member, long doc) {
        Document document = DocumentRows.locked(em, texts, member, doc);
        DocumentRows.requireWritable(document);
        return document;
    }

    private static String abbreviate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
