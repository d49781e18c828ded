package dev.quorum.room.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.entity.AccessRule;
import dev.quorum.room.entity.Room;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;

/**
 * Decides who may be in a room. Tenant isolation comes first: a room of another organization is
 * reported exactly like a room that does not exist, so nothing about it leaks.
 *
 * Listing a member is an idempotent INSERT ... ON CONFLICT DO NOTHING (JPQL has no upsert): two members
 * writing to each other at once both find their direct room.
 */
@Stateless
@DatabaseGuarded
public class RoomAccess {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    public record RoomView(long id, String name, String kind, long lastSequence) {}

    /** Roles that see every meeting of their organization, and so may follow its room. */
    public static final java.util.Set<String> MEETING_OVERSIGHT =
            java.util.Set.of("secretary", "chair", "compliance_officer");

    // a read on every join: no transaction to begin and commit around it
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RoomView authorize(MemberIdentity member, long roomId) {
        Room room = em.find(Room.class, roomId);
        if (room == null || room.getOrganizationId() != member.organizationId()) {
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
                // a document's room carries its edits: it is opened with the document, not from the lobby
                .filter(room -> room.getKind() != dev.quorum.room.entity.RoomKind.DOCUMENT)
                .filter(room -> mayEnter(member, room))
                .map(RoomAccess::view)
                .toList();
    }

    /** A room as its organization's administrators see it: whether they may enter it themselves, too. */
    public record OrganizationRoom(RoomView room, boolean enterable) {}

    /**
     * Every room of the administrator's organization, whether they may enter it or not (division and meeting
     * rooms included), but no document's room (it carries the document's edits) and no member's direct room.
     */
    public java.util.List<OrganizationRoom> organizationRooms(MemberIdentity admin) {
        return em.createQuery(
                        "SELECT r FROM Room r WHERE r.organization.id = :organization ORDER BY r.kind, r.name",
                        Room.class)
                .setParameter("organization", admin.organizationId())
                .getResultStream()
                .filter(room -> room.getKind() != dev.quorum.room.entity.RoomKind.DOCUMENT
                        && room.getKind() != dev.quorum.room.entity.RoomKind.DIRECT)
                .map(room -> new OrganizationRoom(view(room), mayEnter(admin, room)))
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
            // a meeting's room is followed by those who oversee meetings, as its state is
            case MEMBERSHIP ->
                isListed(member.memberId(), room.getId())
                        || (room.getKind() == dev.quorum.room.entity.RoomKind.MEETING
                                && MEETING_OVERSIGHT.stream().anyMatch(member::hasRole));
        };
    }

    /** Creates a room in the admin's organization. */
    public RoomView create(MemberIdentity admin, String kind, String name, String accessRule, String accessRoles) {
        dev.quorum.room.entity.RoomKind roomKind;
        dev.quorum.room.entity.AccessRule rule;
        try {
            roomKind = dev.quorum.room.entity.RoomKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
            rule = AccessRule.valueOf(accessRule.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE,
                    "'kind' must be organization, division, meeting, document or compliance, and 'accessRule'"
                            + " organization, membership or roles.");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "name must have 1 to 200 characters");
        }
        if (rule == AccessRule.ROLES && (accessRoles == null || accessRoles.isBlank())) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "a roles room needs accessRoles");
        }
        boolean taken = !em.createQuery(
                        "SELECT r.id FROM Room r WHERE r.organization.id = :organization AND r.name = :name")
                .setParameter("organization", admin.organizationId())
                .setParameter("name", name)
                .getResultList()
                .isEmpty();
        if (taken) {
            throw new QuorumException(QuorumError.ROOM_NAME_TAKEN);
        }
        Room room = new Room(
                em.getReference(dev.quorum.identity.entity.Organization.class, admin.organizationId()),
                roomKind,
                name,
                rule,
                rule == AccessRule.ROLES ? accessRoles : null);
        em.persist(room);
        em.flush();
        return view(room);
    }

    /**
     * The direct room of two members of one organization, created on first use: a membership room listing
     * exactly the two of them. Safe when both write to each other at once.
     */
    public long directRoom(MemberIdentity from, long toMemberId, String toSubject) {
        return directRoom(from.organizationId(), from.memberId(), from.subject(), toMemberId, toSubject);
    }

    public long directRoom(
            long organizationId, long fromMemberId, String fromSubject, long toMemberId, String toSubject) {
        String first = fromSubject.compareTo(toSubject) <= 0 ? fromSubject : toSubject;
        String second = first.equals(fromSubject) ? toSubject : fromSubject;
        String name = "direct:" + first + ":" + second;
        em.createNativeQuery("INSERT INTO room (organization_id, kind, name, access_rule) VALUES (?1, 'direct', ?2, "
                        + "'membership') ON CONFLICT (organization_id, name) DO NOTHING")
                .setParameter(1, organizationId)
                .setParameter(2, name)
                .executeUpdate();
        long room = ((Number) em.createNativeQuery("SELECT id FROM room WHERE organization_id = ?1 AND name = ?2")
                        .setParameter(1, organizationId)
                        .setParameter(2, name)
                        .getSingleResult())
                .longValue();
        em.createNativeQuery("INSERT INTO room_membership (room_id, member_id) VALUES (?1, ?2), (?1, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, room)
                .setParameter(2, fromMemberId)
                .setParameter(3, toMemberId)
                .executeUpdate();
        return room;
    }

    /** A room of a feature of its own (a document's) that every member of the organization may enter. */
    public long createOrganizationRoom(long organizationId, String kind, String name) {
        return createFeatureRoom(organizationId, kind, name, AccessRule.ORGANIZATION);
    }

    /** A membership room for a feature of its own (a meeting's room): its members are listed with {@link #list}. */
    public long createMembershipRoom(long organizationId, String kind, String name) {
        return createFeatureRoom(organizationId, kind, name, AccessRule.MEMBERSHIP);
    }

    private long createFeatureRoom(long organizationId, String kind, String name, AccessRule rule) {
        Room room = new Room(
                em.getReference(dev.quorum.identity.entity.Organization.class, organizationId),
                dev.quorum.room.entity.RoomKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)),
                name,
                rule,
                null);
        em.persist(room);
        em.flush();
        return room.getId();
    }

    /** Lists a member in a room (idempotent); the caller has checked the room belongs to the member's organization. */
    public void list(long roomId, long memberId) {
        em.createNativeQuery("INSERT INTO room_membership (room_id, member_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, roomId)
                .setParameter(2, memberId)
                .executeUpdate();
    }

    /** Lists the member in a room of the admin's organization. */
    public void addMember(MemberIdentity admin, long roomId, long memberId) {
        Room room = ownRoom(admin, roomId);
        em.createNativeQuery("INSERT INTO room_membership (room_id, member_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, room.getId())
                .setParameter(2, memberId)
                .executeUpdate();
    }

    /**
     * Removes the member from a room of the admin's organization. Answers whether that took their access
     * away (a membership room), in which case their open connections must lose the room.
     */
    public boolean removeMember(MemberIdentity admin, long roomId, long memberId) {
        Room room = ownRoom(admin, roomId);
        int removed = em.createNativeQuery("DELETE FROM room_membership WHERE room_id = ?1 AND member_id = ?2")
                .setParameter(1, room.getId())
                .setParameter(2, memberId)
                .executeUpdate();
        return removed > 0 && room.getAccessRule() == AccessRule.MEMBERSHIP;
    }

    /** Marks one of the admin's organization's rooms confidential, or no longer. */
    public void markConfidential(MemberIdentity admin, long roomId, boolean confidential) {
        Room room = ownRoom(admin, roomId);
        em.flush(); // a room created in this transaction is written before the update below
        em.createNativeQuery("UPDATE room SET confidential = ?1 WHERE id = ?2")
                .setParameter(1, confidential)
                .setParameter(2, room.getId())
                .executeUpdate();
    }

    private Room ownRoom(MemberIdentity admin, long roomId) {
        Room room = em.find(Room.class, roomId);
        if (room == null || room.getOrganizationId() != admin.organizationId()) {
            throw new QuorumException(QuorumError.ROOM_NOT_FOUND);
        }
        return room;
    }

    private boolean isListed(long memberId, long roomId) {
        return !em.createNativeQuery("SELECT 1 FROM room_membership WHERE room_id = ?1 AND member_id = ?2")
                .setParameter(1, roomId)
                .setParameter(2, memberId)
                .getResultList()
                .isEmpty();
    }
}
