package dev.quorum.document.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.document.control.TextOperation.Side;
import dev.quorum.document.entity.Document;
import dev.quorum.document.entity.DocumentKind;
import dev.quorum.document.entity.DocumentStatus;
import dev.quorum.identity.control.MemberIdentity;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Documents of an organization and their edits. An edit is transformed against every operation committed
 * since the revision its author saw and committed as the next revision under the document's row lock, so
 * revisions are gapless and every editor, on any node, converges on the same text. Each committed operation
 * is also appended to the document's room, which delivers it to every editor in revision order.
 *
 * SQL for operations and snapshots on purpose: they are JSONB and text rows read by range, never entities.
 */
@Stateless
@DatabaseGuarded
public class Documents {

    /** What a committed (or, for a retried id, earlier committed) operation became. */
    public record Committed(long doc, long revision, boolean duplicate) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    DocumentTexts texts;

    @Inject
    RoomAccess rooms;

    @Inject
    MessageLog log;

    @Inject
    DocumentLocks locks;

    @Inject
    DocumentComments comments;

    @Inject
    Event<DocumentChanged> changes;

    @Inject
    Event<OperationCommitted> operations;

    @Inject
    Event<ContentSubmitted> contents;

    @Inject
    @ConfigProperty(name = "quorum.documents.snapshot-every", defaultValue = "100")
    int snapshotEvery;

    @Inject
    @ConfigProperty(name = "quorum.documents.max-behind", defaultValue = "1000")
    int maxBehind;

    public DocumentView create(MemberIdentity author, DocumentCommand.NewDocument request, String source) {
        if (request.meeting() != null) {
            requireMeetingOf(author, request.meeting(), request.agendaItem());
        } else if (request.agendaItem() != null) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "An 'agendaItem' belongs to a 'meeting'.");
        }
        long room = rooms.createOrganizationRoom(author.organizationId(), "document", "document:" + UUID.randomUUID());
        if (request.confidential()) {
            // its operations travel as sealed messages of its room, and its text is stored sealed
            em.createNativeQuery("UPDATE room SET confidential = TRUE WHERE id = ?1")
                    .setParameter(1, room)
                    .executeUpdate();
        }
        Document document = new Document(
                author.organizationId(),
                request.meeting(),
                request.agendaItem(),
                room,
                request.title(),
                DocumentKind.fromWire(request.kind()),
                author.memberId(),
                Instant.now());
        em.persist(document);
        em.flush();
        texts.snapshot(document, 0, "");
        changes.fire(new DocumentChanged(
                Origin.of(author, source),
                document.getId(),
                "document.create",
                Map.of("title", request.title(), "kind", request.kind(), "confidential", request.confidential())));
        return DocumentView.of(document, false);
    }

    /** The organization's documents (those of one meeting or agenda item when given), newest change first; no text. */
    public List<DocumentView> list(MemberIdentity member, Long meeting, Long agendaItem) {
        jakarta.persistence.TypedQuery<Document> query = em.createQuery(
                        "SELECT d FROM Document d WHERE d.organizationId = :organization AND d.archived = false"
                                + (meeting == null ? "" : " AND d.meetingId = :meeting")
                                + (agendaItem == null ? "" : " AND d.agendaItemId = :agendaItem")
                                + " ORDER BY d.updatedAt DESC",
                        Document.class)
                .setParameter("organization", member.organizationId());
        if (meeting != null) {
            query.setParameter("meeting", meeting);
        }
        if (agendaItem != null) {
            query.setParameter("agendaItem", agendaItem);
        }
        return query.getResultStream().map(d -> DocumentView.of(d, false)).toList();
    }

    /** The document with its newest text and revision. */
    public DocumentView open(MemberIdentity member, long doc) {
        return DocumentView.of(document(member, doc), true);
    }

    /** An edit to commit, as one of several sent to one document at once. */
    public record Submission(MemberIdentity author, DocumentCommand.Submit submit, String source, long receivedNanos) {}

    /** What became of a submission: committed (or found committed before), or refused with nothing changed. */
    public record Outcome(Committed committed, QuorumException refused) {}

    /**
     * Commits an edit as the next revision, or answers the revision a retried id already got. Refused, with
     * nothing changed, when the document is read-only, the base revision unknown or too old, or the edit
     * does not fit the text.
     */
    public Committed submit(MemberIdentity author, DocumentCommand.Submit submit, String source, long receivedNanos) {
        Outcome outcome = submitAll(submit.doc(), List.of(new Submission(author, submit, source, receivedNanos)))
                .get(0);
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        return outcome.committed();
    }

    /**
     * Commits several edits of one document in one transaction, in the order given, each transformed against
     * everything committed before it (the earlier ones of the batch included): one row lock and one commit
     * for all (a group commit). A refused edit changes nothing and leaves the others to commit.
     */
    public List<Outcome> submitAll(long doc, List<Submission> submissions) {
        Document document = em.find(Document.class, doc);
        if (document != null) {
            em.refresh(document, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            texts.opened(document);
        }
        List<Outcome> outcomes = new ArrayList<>(submissions.size());
        for (Submission submission : submissions) {
            try {
                outcomes.add(new Outcome(commitOne(document, submission), null));
            } catch (QuorumException refused) {
                outcomes.add(new Outcome(null, refused));
            }
        }
        return outcomes;
    }

    /** One edit of a batch; throws (locally, nothing written yet) when it is refused. */
    private Committed commitOne(Document document, Submission submission) {
        MemberIdentity author = submission.author();
        DocumentCommand.Submit submit = submission.submit();
        if (document == null || document.getOrganizationId() != author.organizationId()) {
            throw new QuorumException(QuorumError.DOCUMENT_NOT_FOUND);
        }
        Long original = originalRevision(document.getId(), author.memberId(), submit.clientId());
        if (original != null) {
            return new Committed(document.getId(), original, true);
        }
        requireWritable(document);
        long head = document.getRevision();
        if (submit.baseRevision() > head) {
            throw new QuorumException(
                    QuorumError.REVISION_UNKNOWN,
                    "The document is at revision " + head + "; 'baseRevision' " + submit.baseRevision()
                            + " is ahead of it.");
        }
        if (head - submit.baseRevision() > maxBehind) {
            throw new QuorumException(QuorumError.TOO_FAR_BEHIND);
        }
        TextOperation operation = submit.op();
        for (TextOperation concurrent : texts.operationsAfter(document, submit.baseRevision(), head)) {
            // the incoming operation's inserts go first at a tie, as ShareDB's server decides
            operation = operation.transform(concurrent, Side.LEFT);
        }
        QuorumException refused = locks.refusal(document.getId(), author.memberId(), operation, submit.lock());
        if (refused != null) {
            throw refused;
        }
        operation = screened(author, document, operation, submission.source());
        return commit(
                author,
                document,
                submit.baseRevision(),
                operation,
                submit.clientId(),
                submission.source(),
                submission.receivedNanos());
    }

    /** The text at an earlier revision: the nearest snapshot at or before it, and the operations after. */
    public String textAt(MemberIdentity member, long doc, long revision) {
        Document document = document(member, doc);
        if (revision < 0 || revision > document.getRevision()) {
            throw new QuorumException(QuorumError.REVISION_UNKNOWN);
        }
        DocumentTexts.Snapshot snapshot = texts.snapshotAtOrBefore(document, revision);
        String text = snapshot.text();
        for (TextOperation operation : texts.operationsAfter(document, snapshot.revision(), revision)) {
            text = operation.apply(text);
        }
        return text;
    }

    /** The document's revisions, newest first: who made each and when (a page of at most limit). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> history(MemberIdentity member, long doc, long before, int limit) {
        document(member, doc);
        List<Object[]> rows = em.createNativeQuery("SELECT o.revision, m.subject, m.display_name, o.created_at "
                        + "FROM document_operation o JOIN member m ON m.id = o.author_id "
                        + "WHERE o.document_id = ?1 AND o.revision < ?2 ORDER BY o.revision DESC LIMIT ?3")
                .setParameter(1, doc)
                .setParameter(2, before)
                .setParameter(3, limit)
                .getResultList();
        List<Map<String, Object>> history = new ArrayList<>();
        for (Object[] row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("revision", ((Number) row[0]).longValue());
            entry.put("author", row[1]);
            entry.put("authorName", row[2]);
            entry.put("at", dev.quorum.platform.control.Columns.instant(row[3]).toString());
            history.add(entry);
        }
        return history;
    }

    /** Commits the text of an old revision as the next revision: history is never rewritten. */
    public Committed restore(MemberIdentity member, long doc, long revision, String source, long receivedNanos) {
        String old = textAt(member, doc, revision);
        Document document = locked(member, doc);
        requireWritable(document);
        String current = document.getContent();
        List<TextOperation.Component> replace = new ArrayList<>();
        int currentLength = current.codePointCount(0, current.length());
        if (currentLength > 0) {
            replace.add(new TextOperation.Delete(currentLength));
        }
        if (!old.isEmpty()) {
            replace.add(new TextOperation.Insert(old));
        }
        Committed committed = commit(
                member,
                document,
                document.getRevision(),
                TextOperation.of(replace),
                "restore:" + UUID.randomUUID(),
                source,
                receivedNanos);
        changes.fire(new DocumentChanged(
                Origin.of(member, source),
                doc,
                "document.restore",
                Map.of("restoredRevision", revision, "revision", committed.revision())));
        return committed;
    }

    /** A new title or status. Moving a document to or from final is for a chair, secretary or admin. */
    public DocumentView change(MemberIdentity member, long doc, DocumentCommand.Change change, String source) {
        Document document = locked(member, doc);
        if (document.isArchived()) {
            throw new QuorumException(QuorumError.DOCUMENT_READ_ONLY);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        Instant now = Instant.now();
        if (change.status() != null) {
            DocumentStatus status = DocumentStatus.fromWire(change.status());
            boolean finality = status == DocumentStatus.FINAL || document.getStatus() == DocumentStatus.FINAL;
            if (finality && !(member.hasRole("chair") || member.hasRole("secretary") || member.hasRole("admin"))) {
                throw new QuorumException(
                        QuorumError.FORBIDDEN,
                        "Only a chair, secretary or admin makes a document final or reopens it.");
            }
            detail.put("from", document.getStatus().wireName());
            detail.put("status", status.wireName());
            document.changeStatus(status, now);
        }
        if (change.title() != null) {
            detail.put("title", change.title());
            document.rename(change.title(), now);
        }
        changes.fire(new DocumentChanged(Origin.of(member, source), doc, "document.change", detail));
        return DocumentView.of(document, false);
    }

    public void archive(MemberIdentity member, long doc, String source) {
        Document document = locked(member, doc);
        document.archive(Instant.now());
        changes.fire(new DocumentChanged(Origin.of(member, source), doc, "document.archive", Map.of()));
    }

    private Committed commit(
            MemberIdentity author,
            Document document,
            long baseRevision,
            TextOperation operation,
            String clientId,
            String source,
            long receivedNanos) {
        String text;
        try {
            text = operation.apply(document.getContent());
        } catch (IllegalArgumentException doesNotFit) {
            throw new QuorumException(
                    QuorumError.OPERATION_DOES_NOT_FIT,
                    QuorumError.OPERATION_DOES_NOT_FIT.message() + " (" + doesNotFit.getMessage() + ")");
        }
        texts.advance(document, text, Instant.now());
        long revision = document.getRevision();
        String json = TextOperationJson.encode(operation).toString();
        texts.insertOperation(document, revision, baseRevision, author.memberId(), clientId, json);
        locks.moveSections(document.getId(), operation);
        if (revision % snapshotEvery == 0) {
            texts.snapshot(document, revision, text);
        }
        String payload = JSON.createObjectBuilder()
                .add("doc", document.getId())
                .add("revision", revision)
                .add("op", TextOperationJson.encode(operation))
                .add("id", clientId)
                .build()
                .toString();
        // the room delivers operations to every editor, on every node, in revision order, after the commit
        log.append(
                document.getRoomId(),
                author.memberId(),
                null,
                Priority.NORMAL,
                "doc.op",
                payload,
                Audience.room(),
                receivedNanos);
        comments.moveAnchors(document, operation);
        operations.fire(new OperationCommitted(Origin.of(author, source), document.getId(), revision, operation));
        return new Committed(document.getId(), revision, false);
    }

    /** Shorter inserts are keystrokes: nothing a compliance rule looks for fits in them (screened later). */
    public static final int SCREENED_INSERT = 6;

    /**
     * The operation with each inserted text (a paste, not a keystroke) as the content observers (compliance)
     * let it be stored: refused (thrown), masked (the same length in code points, so the operation still
     * fits), or as it was. Text typed a few characters at a time is screened after the typing (TypedText).
     */
    private TextOperation screened(MemberIdentity author, Document document, TextOperation operation, String source) {
        List<TextOperation.Component> components = new ArrayList<>(operation.components());
        boolean changed = false;
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i) instanceof TextOperation.Insert insert && insert.length() >= SCREENED_INSERT) {
                ContentSubmitted content = new ContentSubmitted(
                        Origin.of(author, source),
                        "document",
                        document.getRoomId(),
                        "document:" + document.getId(),
                        insert.text());
                contents.fire(content);
                if (!content.text().equals(insert.text())) {
                    components.set(i, new TextOperation.Insert(content.text()));
                    changed = true;
                }
            }
        }
        return changed ? TextOperation.of(components) : operation;
    }

    private Long originalRevision(long doc, long author, String clientId) {
        List<?> found = em.createNativeQuery("SELECT revision FROM document_operation "
                        + "WHERE document_id = ?1 AND author_id = ?2 AND client_id = ?3")
                .setParameter(1, doc)
                .setParameter(2, author)
                .setParameter(3, clientId)
                .getResultList();
        return found.isEmpty() ? null : ((Number) found.get(0)).longValue();
    }

    private void requireMeetingOf(MemberIdentity member, long meeting, Long agendaItem) {
        List<?> found = em.createNativeQuery("SELECT 1 FROM meeting WHERE id = ?1 AND organization_id = ?2")
                .setParameter(1, meeting)
                .setParameter(2, member.organizationId())
                .getResultList();
        if (found.isEmpty()) {
            throw new QuorumException(QuorumError.MEETING_NOT_FOUND);
        }
        if (agendaItem != null
                && em.createNativeQuery("SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2")
                        .setParameter(1, agendaItem)
                        .setParameter(2, meeting)
                        .getResultList()
                        .isEmpty()) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'agendaItem' is not on that meeting's agenda.");
        }
    }

    private Document document(MemberIdentity member, long doc) {
        return DocumentRows.find(em, texts, member, doc);
    }

    private Document locked(MemberIdentity member, long doc) {
        return DocumentRows.locked(em, texts, member, doc);
    }

    private static void requireWritable(Document document) {
        DocumentRows.requireWritable(document);
    }
}
