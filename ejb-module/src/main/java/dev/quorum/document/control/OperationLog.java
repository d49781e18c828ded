package dev.quorum.document.control;

import dev.quorum.document.entity.Document;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;

/** Ranges of a document's text moved through the operations committed since they were chosen. */
final class OperationLog {

    private OperationLog() {}

    /** A range [start, end) of the text of a document. */
    record Range(int start, int end) {}

    /**
     * A range chosen in the text at {@code revision}, moved to the document's newest text as a selection moves
     * (text typed at either edge stays outside); refused when the revision is ahead of the document or the
     * range lies outside the text. For callers that hold the document's row lock.
     */
    static Range current(DocumentTexts texts, Document document, long revision, int start, int end) {
        if (revision > document.getRevision()) {
            throw new QuorumException(QuorumError.REVISION_UNKNOWN);
        }
        for (TextOperation operation : texts.operationsAfter(document, revision, document.getRevision())) {
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
