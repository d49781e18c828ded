package dev.quorum.provisioning.control;

import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.Role;
import dev.quorum.identity.entity.ScimGroup;
import dev.quorum.provisioning.control.ScimJson.Reference;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in which SCIM group, and the roles that follows: a member holds {@code member} and the role of
 * every role-named group they are in (see {@link ScimGroup#grantedRole()}); a platform operator's role is
 * never touched. Runs inside the caller's transaction (a plain bean, not an EJB of its own).
 */
@Dependent
public class ScimMemberships {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    ScimResource render(Member member, String base) {
        return ScimJson.user(member, groupsOf(List.of(member.getId())).getOrDefault(member.getId(), List.of()), base);
    }

    List<ScimResource> render(List<Member> members, String base) {
        Map<Long, List<Reference>> groups =
                groupsOf(members.stream().map(Member::getId).toList());
        return members.stream()
                .map(member -> ScimJson.user(member, groups.getOrDefault(member.getId(), List.of()), base))
                .toList();
    }

    /** The members' references (id and display name), in id order; ids not of the organization are left out. */
    List<Reference> members(long organization, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery(
                        "SELECT m.id, m.displayName FROM Member m WHERE m.organization.id = :organization"
                                + " AND m.deprovisioned = FALSE AND m.id IN :ids ORDER BY m.id",
                        Object[].class)
                .setParameter("organization", organization)
                .setParameter("ids", List.copyOf(ids))
                .getResultStream()
                .map(row -> new Reference(((Number) row[0]).longValue(), (String) row[1]))
                .toList();
    }

    /** A member deleted over SCIM leaves every group, and the roles those groups gave go with them. */
    void leaveAll(Member member) {
        for (Object groupId : em.createNativeQuery("SELECT group_id FROM scim_group_member WHERE member_id = ?1")
                .setParameter(1, member.getId())
                .getResultList()) {
            ScimGroup group = em.find(ScimGroup.class, ((Number) groupId).longValue());
            Set<Long> remaining = new java.util.HashSet<>(group.getMemberIds());
            remaining.remove(member.getId());
            group.setMemberIds(remaining);
            group.changed();
        }
        em.flush();
        updateRoles(List.of(member.getId()));
    }

    /** Sets each member's roles from the groups they are in now (flush the group changes first). */
    void updateRoles(Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        Map<Long, Set<Role>> granted = new HashMap<>();
        for (Object[] row : groupRows(memberIds)) {
            ScimGroup.roleNamed((String) row[2]).ifPresent(role -> granted.computeIfAbsent(
                            ((Number) row[0]).longValue(), id -> EnumSet.noneOf(Role.class))
                    .add(role));
        }
        for (Long id : memberIds) {
            Member member = em.find(Member.class, id);
            if (member == null) {
                continue;
            }
            Set<Role> roles = EnumSet.of(Role.MEMBER);
            roles.addAll(granted.getOrDefault(id, Set.of()));
            if (member.getRoles().contains(Role.PLATFORM_ADMIN)) {
                roles.add(Role.PLATFORM_ADMIN);
            }
            if (!roles.equals(member.getRoles())) {
                member.setRoles(roles);
                member.changed();
            }
        }
    }

    private Map<Long, List<Reference>> groupsOf(List<Long> memberIds) {
        Map<Long, List<Reference>> groups = new HashMap<>();
        if (memberIds.isEmpty()) {
            return groups;
        }
        for (Object[] row : groupRows(memberIds)) {
            groups.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(new Reference(((Number) row[1]).longValue(), (String) row[2]));
        }
        return groups;
    }

    /** (member id, group id, group name) of every group the members are in. */
    @SuppressWarnings("unchecked")
    private List<Object[]> groupRows(Collection<Long> memberIds) {
        return em.createNativeQuery("SELECT gm.member_id, g.id, g.display_name FROM scim_group_member gm"
                        + " JOIN scim_group g ON g.id = gm.group_id"
                        + " WHERE gm.member_id = ANY(string_to_array(?1, ',')::bigint[]) ORDER BY g.id")
                .setParameter(
                        1,
                        String.join(",", memberIds.stream().map(String::valueOf).toList()))
                .getResultList();
    }
}
