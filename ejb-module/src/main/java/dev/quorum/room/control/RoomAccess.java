package dev.quorum.room.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.entity.AccessRule;
import dev.quorum.room.entity.Room;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;

/**
 * Decides who may be in a room. Tenant isolation comes first: a room of another organization is
 * reported exactly like a room that does not exist, so nothing about it leaks.
 */
@Stateless
public class RoomAccess {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    public record RoomView(long id, String name, String kind, long lastSequence) {}

    public RoomView authorize(MemberIdentity member, long roomId) {
        Room room = em.find(Room.class, roomId);
        if (room == null || room.getOrganization().getId() != member.organizationId()) {
            throw new QuorumException(QuorumError.ROOM_NOT_FOUND);
        }
        if (!mayEnter(member, room)) {
            throw new QuorumException(QuorumError.ROOM_FORBIDDEN);
        }
        return view(room);
    }

    /** The rooms of the member's organization the member may enter, by name. */
    public java.util.List<RoomView> visibleRooms(MemberIdentity member) {
        return em.createQuery(
                        "SELECT r FROM Room r WHERE r.organization.id = :organization ORDER BY r.name", Room.class)
                .setParameter("organization", member.organizationId())
                .getResultStream()
                .filter(room -> mayEnter(member, room))
                .map(RoomAccess::view)
                .toList();
    }

    private static RoomView view(Room room) {
        return new RoomView(
                room.getId(),
                room.getName(),
                room.getKind().name().toLowerCase(java.util.Locale.ROOT),
                room.getLastSequence());
    }

    boolean mayEnter(MemberIdentity member, Room room) {
        AccessRule rule = room.getAccessRule();
        return switch (rule) {
            case ORGANIZATION -> true;
            case ROLES ->
                room.getAccessRoles() != null
                        && Arrays.stream(room.getAccessRoles().split(","))
                                .map(String::trim)
                                .anyMatch(member::hasRole);
            case MEMBERSHIP -> isListed(member.memberId(), room.getId());
        };
    }

    private boolean isListed(long memberId, long roomId) {
        return !em.createNativeQuery("SELECT 1 FROM room_membership WHERE room_id = ?1 AND member_id = ?2")
                .setParameter(1, roomId)
                .setParameter(2, memberId)
                .getResultList()
                .isEmpty();
    }
}
