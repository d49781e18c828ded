package dev.quorum.compliance.control;

import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;

/** What the context-dependent rules read from the database: people, rooms' guests and divisions. */
@Stateless
@DatabaseGuarded
public class ScreeningFacts {

    /** A room as the rules see it: the division it belongs to (its name), if any, and whether guests read it. */
    public record RoomFacts(long organizationId, String division, boolean externalGuests) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public PeopleNames people(long organizationId) {
        List<String> names = em.createNativeQuery(
                        "SELECT display_name FROM member WHERE organization_id = ?1 AND active AND NOT external")
                .setParameter(1, organizationId)
                .getResultList();
        return PeopleNames.of(names);
    }

    /** Guests read a room when it is open to the organization and it has one, or when one is listed or has a role. */
    @SuppressWarnings("unchecked")
    public RoomFacts room(long roomId) {
        Object[] row = (Object[])
                em.createNativeQuery("SELECT r.organization_id, CASE WHEN r.kind = 'division' THEN r.name END, "
                                + "CASE r.access_rule "
                                + " WHEN 'membership' THEN EXISTS (SELECT 1 FROM room_membership rm JOIN member m "
                                + "   ON m.id = rm.member_id WHERE rm.room_id = r.id AND m.external AND m.active) "
                                + " WHEN 'organization' THEN EXISTS (SELECT 1 FROM member m "
                                + "   WHERE m.organization_id = r.organization_id AND m.external AND m.active) "
                                + " ELSE EXISTS (SELECT 1 FROM member m JOIN member_role mr ON mr.member_id = m.id "
                                + "   WHERE m.organization_id = r.organization_id AND m.external AND m.active "
                                + "   AND mr.role = ANY (string_to_array(r.access_roles, ','))) END "
                                + "FROM room r WHERE r.id = ?1")
                        .setParameter(1, roomId)
                        .getResultStream()
                        .findFirst()
                        .orElse(new Object[] {0L, null, false});
        return new RoomFacts(((Number) row[0]).longValue(), (String) row[1], (Boolean) row[2]);
    }

    /** The divisions a member belongs to: the division rooms they are listed in. */
    @SuppressWarnings("unchecked")
    public Set<String> divisions(long memberId) {
        List<String> names = em.createNativeQuery(
                        "SELECT r.name FROM room r JOIN room_membership rm ON rm.room_id = r.id "
                                + "WHERE r.kind = 'division' AND rm.member_id = ?1")
                .setParameter(1, memberId)
                .getResultList();
        return Set.copyOf(names);
    }
}
