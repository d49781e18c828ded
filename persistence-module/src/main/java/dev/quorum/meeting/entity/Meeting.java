package dev.quorum.meeting.entity;

import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.Organization;
import dev.quorum.room.entity.Room;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A board or member meeting of one organization, with a room of its own for its live events. Its id is
 * taken from {@code meeting_id_seq} before it is stored: the meeting's room is named after it.
 */
@Entity
@Table(name = "meeting")
public class Meeting {

    @Id
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "room_id")
    private Room room;

    @Column(nullable = false)
    @Convert(converter = MeetingKindConverter.class)
    private MeetingKind kind;

    @Column(nullable = false)
    private String title;

    @Column(name = "scheduled_at", nullable = false)
    private Instant scheduledAt;

    @Column(nullable = false)
    @Convert(converter = MeetingStatusConverter.class)
    private MeetingStatus status = MeetingStatus.SCHEDULED;

    @Column(name = "quorum_rule", nullable = false)
    @Convert(converter = QuorumRuleConverter.class)
    private QuorumRule quorumRule;

    /** The rule's number: a count of seats or a percentage of weight; 0 for a majority of seats. */
    @Column(name = "quorum_value")
    private BigDecimal quorumValue;

    /** Whether quorum was met at its last evaluation, so each transition is reported once. */
    @Column(name = "quorum_met", nullable = false)
    private boolean quorumMet;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "created_by")
    private Member createdBy;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected Meeting() {}

    public Meeting(
            long id,
            Organization organization,
            Room room,
            MeetingKind kind,
            String title,
            Instant scheduledAt,
            QuorumRule quorumRule,
            BigDecimal quorumValue,
            Member createdBy) {
        this.id = id;
        this.organization = organization;
        this.room = room;
        this.kind = kind;
        this.title = title;
        this.scheduledAt = scheduledAt;
        this.quorumRule = quorumRule;
        this.quorumValue = quorumValue;
        this.createdBy = createdBy;
    }

    public Long getId() {
        return id;
    }

    public Organization getOrganization() {
        return organization;
    }

    public Room getRoom() {
        return room;
    }

    public MeetingKind getKind() {
        return kind;
    }

    public String getTitle() {
        return title;
    }

    public Instant getScheduledAt() {
        return scheduledAt;
    }

    public MeetingStatus getStatus() {
        return status;
    }

    public QuorumRule getQuorumRule() {
        return quorumRule;
    }

    public BigDecimal getQuorumValue() {
        return quorumValue;
    }

    public boolean isQuorumMet() {
        return quorumMet;
    }

    public void setQuorumMet(boolean quorumMet) {
        this.quorumMet = quorumMet;
    }

    public Member getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
