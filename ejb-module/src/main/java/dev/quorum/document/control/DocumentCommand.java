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

    /** {@code doc.op}: an operation made against {@code baseRevision}, under the client's own id. */
    record Submit(long doc, long baseRevision, TextOperation op, String clientId) implements DocumentCommand {
        public static Submit decode(Fields fields) {
            return new Submit(
                    fields.id("doc"),
                    fields.count("baseRevision"),
                    TextOperationJson.decode("op", fields.raw("op"), MAX_INSERT),
                    fields.text("id", MAX_CLIENT_ID));
        }
    }

    /** The body of {@code POST /api/documents}. */
    record NewDocument(String title, String kind, Long meeting, Long agendaItem) implements DocumentCommand {
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
                    fields.optionalId("agendaItem"));
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
}
