package dev.quorum.document.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One comment of a thread: the first one opens it, the others reply. Earlier wordings are kept apart. */
@Entity
@Table(name = "comment")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "thread_id", nullable = false)
    private long threadId;

    @Column(name = "author_id", nullable = false)
    private long authorId;

    @Column(nullable = false)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "edited_at")
    private Instant editedAt;

    protected Comment() {}

    public Comment(long threadId, long authorId, String body, Instant now) {
        this.threadId = threadId;
        this.authorId = authorId;
        this.body = body;
        this.createdAt = now;
    }

    /** The body as it is to be stored (sealed, once the comment has an id to bind it to). */
    public void store(String storedBody) {
        this.body = storedBody;
    }

    public void reword(String newBody, Instant now) {
        this.body = newBody;
        this.editedAt = now;
    }

    public Long getId() {
        return id;
    }

    public long getThreadId() {
        return threadId;
    }

    public long getAuthorId() {
        return authorId;
    }

    /** The body as stored: sealed ({@code sealed:…}) on a confidential document. */
    public String getBody() {
        return body;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getEditedAt() {
        return editedAt;
    }
}
