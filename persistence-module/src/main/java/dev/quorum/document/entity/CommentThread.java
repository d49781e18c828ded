package dev.quorum.document.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A comment thread anchored to [anchorStart, anchorEnd) of a document's newest text. The anchor moves with
 * every committed operation; once the text it held is deleted the thread is detached and keeps its quote.
 */
@Entity
@Table(name = "comment_thread")
public class CommentThread {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "document_id", nullable = false)
    private long documentId;

    @Column(name = "author_id", nullable = false)
    private long authorId;

    @Column(name = "anchor_start", nullable = false)
    private int anchorStart;

    @Column(name = "anchor_end", nullable = false)
    private int anchorEnd;

    @Column(nullable = false)
    private String quote;

    @Column(nullable = false)
    private boolean detached;

    @Column(name = "resolved_by")
    private Long resolvedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CommentThread() {}

    public CommentThread(long documentId, long authorId, int anchorStart, int anchorEnd, String quote, Instant now) {
        this.documentId = documentId;
        this.authorId = authorId;
        this.anchorStart = anchorStart;
        this.anchorEnd = anchorEnd;
        this.quote = quote;
        this.createdAt = now;
    }

    /** The quote as it is to be stored (sealed, once the thread has an id to bind it to). */
    public void storeQuote(String storedQuote) {
        this.quote = storedQuote;
    }

    /**
     * The anchor after an edit moved it; a thread that anchored text and now anchors none is detached for
     * good (its text was deleted). Answers whether this move detached it.
     */
    public boolean moveAnchor(int start, int end) {
        boolean detaches = !detached && anchorStart < anchorEnd && start == end;
        this.anchorStart = start;
        this.anchorEnd = end;
        if (detaches) {
            this.detached = true;
        }
        return detaches;
    }

    public void resolve(long memberId, Instant now) {
        this.resolvedBy = memberId;
        this.resolvedAt = now;
    }

    public void reopen() {
        this.resolvedBy = null;
        this.resolvedAt = null;
    }

    public boolean isResolved() {
        return resolvedAt != null;
    }

    public Long getId() {
        return id;
    }

    public long getDocumentId() {
        return documentId;
    }

    public long getAuthorId() {
        return authorId;
    }

    public int getAnchorStart() {
        return anchorStart;
    }

    public int getAnchorEnd() {
        return anchorEnd;
    }

    /** The quote as stored: sealed ({@code sealed:…}) on a confidential document. */
    public String getQuote() {
        return quote;
    }

    public boolean isDetached() {
        return detached;
    }

    public Long getResolvedBy() {
        return resolvedBy;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
