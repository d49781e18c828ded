package dev.quorum.meeting.entity;

import dev.quorum.identity.entity.Member;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A member meeting's proxy: the delegator's votes go to the holder, for every motion of the meeting
 * (motion null) or one motion, at the holder's discretion or directed (a fixed choice, per motion only).
 */
@Entity
@Table(name = "proxy")
public class Proxy {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "meeting_id")
    private Meeting meeting;

    @ManyToOne(optional = false)
    @JoinColumn(name = "delegator_id")
    private Member delegator;

    @ManyToOne(optional = false)
    @JoinColumn(name = "holder_id")
    private Member holder;

    /** The one motion it is for; null for every motion of the meeting. */
    @Column(name = "motion_id")
    private Long motionId;

    /** The directed choice; null when the holder decides. */
    @Column
    private String choice;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected Proxy() {}

    public Proxy(Meeting meeting, Member delegator, Member holder, Long motionId, String choice) {
        this.meeting = meeting;
        this.delegator = delegator;
        this.holder = holder;
        this.motionId = motionId;
        this.choice = choice;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public Long getId() {
        return id;
    }

    public Meeting getMeeting() {
        return meeting;
    }

    public Member getDelegator() {
        return delegator;
    }

    public Member getHolder() {
        return holder;
    }

    public Long getMotionId() {
        return motionId;
    }

    public String getChoice() {
        return choice;
    }

    /** When it was granted; read back from the database after the insert. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
