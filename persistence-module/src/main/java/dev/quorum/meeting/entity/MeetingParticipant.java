package dev.quorum.meeting.entity;

import dev.quorum.identity.entity.Member;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A member taking part in a meeting, with their weight (1 for a director) and their attendance. */
@Entity
@Table(name = "meeting_participant")
public class MeetingParticipant {

    @EmbeddedId
    private Key key;

    @MapsId("meetingId")
    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "meeting_id")
    private Meeting meeting;

    @MapsId("memberId")
    @ManyToOne(optional = false)
    @JoinColumn(name = "member_id")
    private Member member;

    @Column(nullable = false)
    private BigDecimal weight;

    @Column(nullable = false)
    private boolean present;

    @Column(name = "checked_in_at")
    private Instant checkedInAt;

    @Column(name = "checked_out_at")
    private Instant checkedOutAt;

    protected MeetingParticipant() {}

    public MeetingParticipant(Meeting meeting, Member member, BigDecimal weight) {
        this.key = new Key(meeting.getId(), member.getId());
        this.meeting = meeting;
        this.member = member;
        this.weight = weight;
    }

    /** Checks the participant in (present) or out, at the given time. */
    public void attend(boolean present, Instant at) {
        this.present = present;
        if (present) {
            checkedInAt = at;
        } else {
            checkedOutAt = at;
        }
    }

    public Meeting getMeeting() {
        return meeting;
    }

    public Member getMember() {
        return member;
    }

    public BigDecimal getWeight() {
        return weight;
    }

    public boolean isPresent() {
        return present;
    }

    public Instant getCheckedInAt() {
        return checkedInAt;
    }

    public Instant getCheckedOutAt() {
        return checkedOutAt;
    }

    @Embeddable
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        @Column(name = "meeting_id")
        private Long meetingId;

        @Column(name = "member_id")
        private Long memberId;

        protected Key() {}

        public Key(Long meetingId, Long memberId) {
            this.meetingId = meetingId;
            this.memberId = memberId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(meetingId, key.meetingId)
                    && Objects.equals(memberId, key.memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(meetingId, memberId);
        }
    }
}
