package dev.quorum.document.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;

/**
 * A document of one organization with its text at its newest revision. Operations are committed under
 * this row's lock, which makes revisions gapless whichever node commits them.
 */
@Entity
@Table(name = "document")
public class Document {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    // other aggregates by id, as Meeting does: an operation must not load an organization or a room
    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "meeting_id")
    private Long meetingId;

    @Column(name = "agenda_item_id")
    private Long agendaItemId;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    @Convert(converter = DocumentKindConverter.class)
    private DocumentKind kind;

    @Column(nullable = false)
    @Convert(converter = DocumentStatusConverter.class)
    private DocumentStatus status = DocumentStatus.DRAFT;

    @Column(nullable = false)
    private boolean archived;

    @Column(nullable = false)
    private long revision;

    /** The newest text, or '' while it is stored sealed. */
    @Column(nullable = false)
    private String content = "";

    /** The newest text sealed under the organization's key (a confidential document), or null. */
    @Column(name = "content_sealed")
    private byte[] contentSealed;

    @Column(name = "sealed_key")
    private Integer sealedKey;

    /** The sealed text as opened in this transaction; never stored. */
    @Transient
    private String opened;

    @Column(name = "created_by", nullable = false)
    private long createdBy;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Document() {}

    public Document(
            long organizationId,
            Long meetingId,
            Long agendaItemId,
            long roomId,
            String title,
            DocumentKind kind,
            long createdBy,
            Instant now) {
        this.organizationId = organizationId;
        this.meetingId = meetingId;
        this.agendaItemId = agendaItemId;
        this.roomId = roomId;
        this.title = title;
        this.kind = kind;
        this.createdBy = createdBy;
        this.updatedAt = now;
    }

    /** The text after one more committed operation, stored as it is. */
    public void advance(String newContent, Instant now) {
        this.revision++;
        this.content = newContent;
        this.contentSealed = null;
        this.sealedKey = null;
        this.opened = null;
        this.updatedAt = now;
    }

    /** The text after one more committed operation, stored sealed: the plain column keeps nothing of it. */
    public void advanceSealed(String newContent, byte[] sealed, int keyId, Instant now) {
        this.revision++;
        this.content = "";
        this.contentSealed = sealed.clone();
        this.sealedKey = keyId;
        this.opened = newContent;
        this.updatedAt = now;
    }

    public boolean isSealed() {
        return contentSealed != null;
    }

    public byte[] getContentSealed() {
        return contentSealed == null ? null : contentSealed.clone();
    }

    /** The sealed text, opened by the caller (who holds the key) for this transaction. */
    public void open(String text) {
        this.opened = text;
    }

    public void rename(String newTitle, Instant now) {
        this.title = newTitle;
        this.updatedAt = now;
    }

    public void changeStatus(DocumentStatus newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
    }

    public void archive(Instant now) {
        this.archived = true;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public Long getMeetingId() {
        return meetingId;
    }

    public Long getAgendaItemId() {
        return agendaItemId;
    }

    public long getRoomId() {
        return roomId;
    }

    public String getTitle() {
        return title;
    }

    public DocumentKind getKind() {
        return kind;
    }

    public DocumentStatus getStatus() {
        return status;
    }

    public boolean isArchived() {
        return archived;
    }

    public long getRevision() {
        return revision;
    }

    /** The newest text; a sealed one must have been opened first (never '' in its place). */
    public String getContent() {
        if (contentSealed == null) {
            return content;
        }
        if (opened == null) {
            throw new IllegalStateException("document " + id + " is sealed and was not opened");
        }
        return opened;
    }

    public long getCreatedBy() {
        return createdBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
