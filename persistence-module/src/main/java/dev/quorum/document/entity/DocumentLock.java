package dev.quorum.document.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A lock on a whole document (no section) or on a section of its newest text, held by one member until
 * released or expired.
 */
@Entity
@Table(name = "document_lock")
public class DocumentLock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "document_id", nullable = false)
    private long documentId;

    @Column(name = "holder_id", nullable = false)
    private long holderId;

    @Column(name = "section_start")
    private Integer sectionStart;

    @Column(name = "section_end")
    private Integer sectionEnd;

    @Column(nullable = false)
    private String reason;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected DocumentLock() {}

    public DocumentLock(
            long documentId,
            long holderId,
            Integer sectionStart,
            Integer sectionEnd,
            String reason,
            Instant expiresAt) {
        this.documentId = documentId;
        this.holderId = holderId;
        this.sectionStart = sectionStart;
        this.sectionEnd = sectionEnd;
        this.reason = reason;
        this.expiresAt = expiresAt;
    }

    public boolean wholeDocument() {
        return sectionStart == null;
    }

    public void extendTo(Instant newExpiry) {
        this.expiresAt = newExpiry;
    }

    public void release(Instant now) {
        this.releasedAt = now;
    }

    /** The section after an edit moved it. */
    public void moveSection(int start, int end) {
        this.sectionStart = start;
        this.sectionEnd = end;
    }

    public Long getId() {
        return id;
    }

    public long getDocumentId() {
        return documentId;
    }

    public long getHolderId() {
        return holderId;
    }

    public Integer getSectionStart() {
        return sectionStart;
    }

    public Integer getSectionEnd() {
        return sectionEnd;
    }

    public String getReason() {
        return reason;
    }

    public Instant getReleasedAt() {
        return releasedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
