package dev.quorum.document.control;

import dev.quorum.platform.control.Origin;

/**
 * An edit became the document's next revision (fired in its transaction). Not audited one by one — the
 * operations are the document's own history — but compliance observes what each inserts.
 */
public record OperationCommitted(Origin origin, long documentId, long revision, TextOperation operation) {}
