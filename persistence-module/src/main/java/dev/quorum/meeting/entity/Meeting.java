package dev.quorum.meeting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
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

    // other aggregates by id: reading a meeting (on every vote) must not load an organization, a room and
    // a member with its roles (without weaving, EclipseLink loads LAZY to-one relations eagerly)
    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "room_id", nullable = false)
    private long roomId;

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

    @Column(name = "created_by", nullable = false)
    private long createdBy;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    /** The participant who chairs it, chosen at scheduling. */
    @Column(name = "chair_id", nullable = false)
    private long chairId;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected Meeting() {}

    public Meeting(
            long id,
            long organizationId,
            long roomId,
            MeetingKind kind,
            String title,
            Instant scheduledAt,
            QuorumRule quorumRule,
            BigDecimal quorumValue,
            long createdBy,
            long chairId) {
        this.id = id;
        this.chairId = chairId;
        this.organizationId = organizationId;
        this.roomId = roomId;
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

    public long getOrganizationId() {
        return organizationId;
    }

    public long getRoomId() {
        return roomId;
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

    public long getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getChairId() {
        return chairId;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    /** The chair opened the meeting: it is in session from now. */
    public void start(Instant at) {
        if (status != MeetingStatus.SCHEDULED) {
            throw new IllegalStateException("meeting " + id + " is " + status);
        }
        status = MeetingStatus.IN_SESSION;
        startedAt = at;
    }

    /** The chair adjourned the meeting: no more motions or votes. */
    public void adjourn(Instant at) {
        if (status != MeetingStatus.IN_SESSION) {
            throw new IllegalStateException("meeting " + id + " is " + status);
        }
        status = MeetingStatus.ADJOURNED;
        endedAt = at;
    }
}
