package dev.quorum.compliance.control;

import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.RoleNotice;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What compliance tells its people: a message in the organization's compliance room (officers and admins
 * only; kept, so an officer who was away reads it later) and the same frame at once on every open connection
 * of the members holding the given roles, on every node, after the commit.
 */
@Stateless
@DatabaseGuarded
public class ComplianceNotices {

    static final Set<String> OFFICERS = Set.of("compliance_officer");
    static final Set<String> OFFICERS_AND_ADMINS = Set.of("compliance_officer", "admin");

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    MessageLog log;

    @Inject
    Event<RoleNotice> notices;

    public void send(long organization, Priority priority, String type, String payload, Set<String> roles) {
        log.append(
                complianceRoom(organization),
                0, // Quorum itself
                type + "-" + UUID.randomUUID(),
                priority,
                type,
                payload);
        notices.fire(new RoleNotice(organization, roles, type, payload));
    }

    /** The organization's compliance room (officers and admins only), created on first need. */
    private long complianceRoom(long organization) {
        List<?> found = em.createNativeQuery(
                        "SELECT id FROM room WHERE organization_id = ?1 AND kind = 'compliance' ORDER BY id LIMIT 1")
                .setParameter(1, organization)
                .getResultList();
        if (!found.isEmpty()) {
            return ((Number) found.get(0)).longValue();
        }
        return ((Number) em.createNativeQuery("INSERT INTO room (organization_id, kind, name, access_rule, "
                                + "access_roles) VALUES (?1, 'compliance', 'Compliance alerts', 'roles', "
                                + "'compliance_officer,admin') ON CONFLICT (organization_id, name) "
                                + "DO UPDATE SET kind = room.kind RETURNING id")
                        .setParameter(1, organization)
                        .getSingleResult())
                .longValue();
    }
}
