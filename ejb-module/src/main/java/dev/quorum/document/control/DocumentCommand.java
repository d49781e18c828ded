package dev.quorum.document.control;

import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;

/** The document messages and request bodies, one record each, decoded and validated at the edge. */
public sealed interface DocumentCommand {

    int MAX_CLIENT_ID = 100;

    /** The most text one operation may insert: a long paste, not a whole book. */
    int MAX_INSERT = 200_000;

    /** {@code doc.open}: the document's text and revision, and its live operations from then on. */
    record Open(long doc) implements DocumentCommand {
        public static Open decode(Fields fields) {
            return new Open(fields.id("doc"));
        }
    }

    /**
     * {@code doc.op}: an operation made against {@code baseRevision}, under the client's own id, and under
     * one of the author's locks when {@code lock} is given (refused once that lock is no longer active).
     */
    record Submit(long doc, long baseRevision, TextOperation op, String clientId, Long lock)
            implements DocumentCommand {
        public Submit(long doc, long baseRevision, TextOperation op, String clientId) {
            this(doc, baseRevision, op, clientId, null);
        }

        public static Submit decode(Fields fields) {
            return new Submit(
                    fields.id("doc"),
                    fields.count("baseRevision"),
                    TextOperationJson.decode("op", fields.raw("op"), MAX_INSERT),
                    fields.text("id", MAX_CLIENT_ID),
                    fields.optionalId("lock"));
        }
    }

    /** How long a lock lasts unless renewed, and the longest a client may ask for. */
    int DEFAULT_LOCK_SECONDS = 300;

    int MAX_LOCK_SECONDS = 3_600;

    /**
     * {@code doc.lock}: the whole document, or the section [start, end) of the text at {@code revision}, for
     * {@code seconds} (default 300).
     */
    record Lock(long doc, Integer start, Integer end, long revision, String reason, int seconds)
            implements DocumentCommand {
        public static Lock decode(Fields fields) {
            Long start = fields.optionalCount("start");
            Long end = fields.optionalCount("end");
            if ((start == null) != (end == null) || (start != null && (start > end || end > Integer.MAX_VALUE))) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE, "A section lock needs 'start' and 'end' with start <= end.");
            }
            String reason = fields.optionalText("reason", 500);
            return new Lock(
                    fields.id("doc"),
                    start == null ? null : start.intValue(),
                    end == null ? null : end.intValue(),
                    start == null ? 0 : fields.count("revision"),
                    reason == null ? "" : reason,
                    lockSeconds(fields));
        }
    }

    /** {@code doc.lock.renew} and {@code doc.unlock}: one of the member's own locks. */
    record LockChange(long doc, long lock, int seconds) implements DocumentCommand {
        public static LockChange decode(Fields fields) {
            return new LockChange(fields.id("doc"), fields.id("lock"), lockSeconds(fields));
        }
    }

    private static int lockSeconds(Fields fields) {
        Long seconds = fields.optionalId("seconds");
        if (seconds != null && seconds > MAX_LOCK_SECONDS) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "'seconds' must be at most " + MAX_LOCK_SECONDS + ".");
        }
        return seconds == null ? DEFAULT_LOCK_SECONDS : seconds.intValue();
    }

    /** The body of {@code POST /api/documents}. */
    /** {@code confidential}: the document's text is stored sealed (see README, Encryption at rest). */
    record NewDocument(String title, String kind, Long meeting, Long agendaItem, boolean confidential)
            implements DocumentCommand {
        public static NewDocument decode(Fields fields) {
            String kind = fields.optionalText("kind", 20);
            if (kind != null && !kind.matches("board_paper|minutes|resolution|policy")) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE, "'kind' must be board_paper, minutes, resolution or policy.");
            }
            return new NewDocument(
                    fields.text("title", 300),
                    kind == null ? "board_paper" : kind,
                    fields.optionalId("meeting"),
                    fields.optionalId("agendaItem"),
                    Boolean.TRUE.equals(fields.optionalFlag("confidential")));
        }
    }

    /** The body of {@code PATCH /api/documents/{id}}: a new title, a new status, or both. */
    record Change(String title, String status) implements DocumentCommand {
        public static Change decode(Fields fields) {
            String status = fields.optionalText("status", 20);
            if (status != null && !status.matches("draft|in_review|final")) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "'status' must be draft, in_review or final.");
            }
            Change change = new Change(fields.optionalText("title", 300), status);
            if (change.title() == null && change.status() == null) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "Give a 'title', a 'status' or both.");
            }
            return change;
        }
    }

    /** The body of {@code POST /api/documents/{id}/restore}. */
    record Restore(long revision) implements DocumentCommand {
        public static Restore decode(Fields fields) {
            return new Restore(fields.count("revision"));
        }
    }

    /** The longest comment: a few paragraphs, not a paper. */
    int MAX_COMMENT = 10_000;

    /** The body of {@code POST /api/documents/{id}/comments}: a thread on [start, end) of the text at revision. */
    record StartThread(long doc, int start, int end, long revision, String body) implements DocumentCommand {
        public static StartThread decode(long doc, Fields fields) {
            long start = fields.count("start");
            long end = fields.count("end");
            if (start > end || end > Integer.MAX_VALUE) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "A comment needs 'start' <= 'end'.");
            }
            return new StartThread(
                    doc,
                    (int) start,
                    (int) end,
                    fields.count("revision"),
                    CommentBody.decode(fields).body());
        }
    }

    /** A reply or a new wording: {@code {"body": ...}}. */
    record CommentBody(String body) implements DocumentCommand {
        public static CommentBody decode(Fields fields) {
            String body = fields.text("body", MAX_COMMENT);
            if (body.isBlank()) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "'body' must not be blank.");
            }
            return new CommentBody(body);
        }
    }
}
