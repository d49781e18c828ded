package dev.quorum.document.control;

import dev.quorum.document.control.TextOperation.Side;

/**
 * A client's copy of a document, kept as a ShareDB client keeps it: local edits apply at once; one
 * operation at a time is in flight, later ones wait composed; an operation of someone else is transformed
 * against both before it applies. The reference for clients of the protocol (the tests and the benchmark
 * edit through it), mirroring the server's rule that an incoming operation goes first at a tie.
 */
public final class ClientDocument {

    /** An operation to send: made against {@code baseRevision}. */
    public record Outgoing(TextOperation op, long baseRevision) {}

    private String text;
    private long revision;
    private TextOperation inflight;
    private long inflightBase;
    private TextOperation pending;

    public ClientDocument(String text, long revision) {
        this.text = text;
        this.revision = revision;
    }

    public String text() {
        return text;
    }

    public long revision() {
        return revision;
    }

    public boolean settled() {
        return inflight == null && pending == null;
    }

    public boolean hasInflight() {
        return inflight != null;
    }

    /** The operation in flight, to send again after a reconnect; null when none. */
    public Outgoing inflight() {
        return inflight == null ? null : new Outgoing(inflight, inflightBase);
    }

    /** Applies a local edit; answers the operation to send now, or null while another is in flight. */
    public Outgoing edit(TextOperation edit) {
        text = edit.apply(text);
        pending = pending == null ? edit : pending.compose(edit);
        return next();
    }

    /**
     * The document's next revision arrived: this client's own operation (which ends its flight and may let
     * the next one go) or someone else's (transformed and applied). Revisions this copy already holds are
     * ignored; a revision further ahead than the next means a lost operation and is refused.
     */
    public Received receive(long committed, TextOperation theirs, boolean mine) {
        if (committed <= revision) {
            return new Received(false, null);
        }
        if (committed != revision + 1) {
            throw new IllegalStateException("revision " + committed + " arrived at revision " + revision);
        }
        revision = committed;
        if (mine) {
            inflight = null;
            return new Received(false, next());
        }
        boolean crossed = !settled();
        if (inflight != null) {
            TextOperation inflightAfter = inflight.transform(theirs, Side.LEFT);
            theirs = theirs.transform(inflight, Side.RIGHT);
            inflight = inflightAfter;
        }
        if (pending != null) {
            TextOperation pendingAfter = pending.transform(theirs, Side.LEFT);
            theirs = theirs.transform(pending, Side.RIGHT);
            pending = pendingAfter;
        }
        text = theirs.apply(text);
        return new Received(crossed, null);
    }

    /** What receiving an operation did: whether it crossed one of ours, and what to send now (or null). */
    public record Received(boolean crossed, Outgoing send) {}

    private Outgoing next() {
        if (inflight != null || pending == null) {
            return null;
        }
        if (pending.isNoop()) {
            pending = null;
            return null;
        }
        inflight = pending;
        pending = null;
        inflightBase = revision;
        return new Outgoing(inflight, inflightBase);
    }
}
