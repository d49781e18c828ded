package dev.quorum.room.entity;

import dev.quorum.identity.entity.Member;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A member listed in a room with the {@link AccessRule#MEMBERSHIP} rule. */
@Entity
@Table(name = "room_membership")
public class RoomMembership {

    @EmbeddedId
    private Key key;

    @MapsId("roomId")
    @ManyToOne(optional = false)
    @JoinColumn(name = "room_id")
    private Room room;

    @MapsId("memberId")
    @ManyToOne(optional = false)
    @JoinColumn(name = "member_id")
    private Member member;

    @Column(name = "added_at", nullable = false, insertable = false, updatable = false)
    private Instant addedAt;

    protected RoomMembership() {}

    public RoomMembership(Room room, Member member) {
        this.key = new Key(room.getId(), member.getId());
        this.room = room;
        this.member = member;
    }

    public Room getRoom() {
        return room;
    }

    public Member getMember() {
        return member;
    }

    public Instant getAddedAt() {
        return addedAt;
    }

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "room_id")
        private Long roomId;

        @Column(name = "member_id")
        private Long memberId;

        protected Key() {}

        public Key(Long roomId, Long memberId) {
            this.roomId = roomId;
            this.memberId = memberId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(roomId, key.roomId)
                    && Objects.equals(memberId, key.memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, memberId);
        }
    }
}
