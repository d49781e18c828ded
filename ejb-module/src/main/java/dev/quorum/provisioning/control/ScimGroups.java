package dev.quorum.provisioning.control;

import dev.quorum.identity.entity.Organization;
import dev.quorum.identity.entity.Role;
import dev.quorum.identity.entity.ScimGroup;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.provisioning.control.ScimJson.Reference;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SCIM Groups of an organization. A group named after a role grants it: its members' roles follow every
 * change of its members or name in the same transaction. Nothing reaches beyond the token's organization.
 */
@Stateless
@DatabaseGuarded
public class ScimGroups {

    static final Set<String> FILTERABLE = Set.of("displayname", "externalid", "id");

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    ScimMemberships memberships;

    @Inject
    Event<ProvisioningChange> changes;

    public ScimResource create(Provisioner provisioner, GroupAttributes attributes, String base, String source) {
        requireFreeName(provisioner, attributes.displayName(), null);
        ScimGroup group = new ScimGroup(
                em.getReference(Organization.class, provisioner.organizationId()),
                attributes.displayName(),
                attributes.externalId());
        group.setMemberIds(knownMembers(provisioner, attributes.members()));
        em.persist(group);
        em.flush();
        if (group.grantedRole().isPresent()) {
            memberships.updateRoles(group.getMemberIds());
        }
        audit(provisioner, "scim.group.create", group, Set.of(), source);
        return render(provisioner, group, true, base);
    }

    public ScimResource get(Provisioner provisioner, String id, boolean withMembers, String base) {
        return render(provisioner, find(provisioner, id, false), withMembers, base);
    }

    public ScimListing list(
            Provisioner provisioner, String filter, int startIndex, int count, boolean withMembers, String base) {
        ScimFilter parsed = filter == null ? null : ScimFilter.parse(filter, FILTERABLE);
        String condition = parsed == null
                ? null
                : switch (parsed.attribute()) {
                    case "displayname" -> "LOWER(x.displayName) = LOWER(:value)";
                    case "externalid" -> "x.externalId = :value";
                    default -> "x.id = :value"; // id
                };
        ScimPage<ScimGroup> page = ScimPage.of(
                em,
                ScimGroup.class,
                "FROM ScimGroup x WHERE x.organization.id = :organization",
                provisioner.organizationId(),
                condition,
                parsed == null
                        ? null
                        : parsed.attribute().equals("id") ? ScimUsers.idOrNone(parsed.value()) : parsed.value(),
                startIndex,
                count);
        return new ScimListing(ScimJson.list(
                page.rows().stream()
                        .map(group -> render(provisioner, group, withMembers, base))
                        .toList(),
                page.total(),
                startIndex));
    }

    public ScimResource replace(
            Provisioner provisioner,
            String id,
            Long expectedVersion,
            GroupAttributes attributes,
            String base,
            String source) {
        ScimGroup group = find(provisioner, id, true);
        ScimUsers.requireVersion(group.getVersion(), expectedVersion);
        write(provisioner, group, attributes, "scim.group.replace", source);
        return render(provisioner, group, true, base);
    }

    public ScimResource patch(
            Provisioner provisioner,
            String id,
            Long expectedVersion,
            List<PatchOperation> operations,
            boolean withMembers,
            String base,
            String source) {
        ScimGroup group = find(provisioner, id, true);
        ScimUsers.requireVersion(group.getVersion(), expectedVersion);
        GroupAttributes current =
                new GroupAttributes(group.getDisplayName(), group.getExternalId(), group.getMemberIds());
        write(provisioner, group, GroupPatch.apply(current, operations), "scim.group.patch", source);
        return render(provisioner, group, withMembers, base);
    }

    /** The group goes; the roles it gave go with it. Its members stay. */
    public void delete(Provisioner provisioner, String id, Long expectedVersion, String source) {
        ScimGroup group = find(provisioner, id, true);
        ScimUsers.requireVersion(group.getVersion(), expectedVersion);
        Set<Long> members = group.getMemberIds();
        boolean granting = group.grantedRole().isPresent();
        audit(provisioner, "scim.group.delete", group, members, source);
        em.remove(group);
        em.flush();
        if (granting) {
            memberships.updateRoles(members);
        }
    }

    private void write(
            Provisioner provisioner, ScimGroup group, GroupAttributes attributes, String action, String source) {
        if (!group.getDisplayName().equalsIgnoreCase(attributes.displayName())) {
            requireFreeName(provisioner, attributes.displayName(), group.getId());
        }
        Set<Long> before = group.getMemberIds();
        Role roleBefore = group.grantedRole().orElse(null);
        Set<Long> after = knownMembers(provisioner, attributes.members());
        group.setDisplayName(attributes.displayName());
        group.setExternalId(attributes.externalId());
        group.setMemberIds(after);
        group.changed();
        em.flush();
        Set<Long> affected = new HashSet<>();
        if (!Objects.equals(roleBefore, group.grantedRole().orElse(null))) {
            affected.addAll(before);
            affected.addAll(after);
        } else if (roleBefore != null) {
            Set<Long> added = new HashSet<>(after);
            added.removeAll(before);
            Set<Long> removed = new HashSet<>(before);
            removed.removeAll(after);
            affected.addAll(added);
            affected.addAll(removed);
        }
        memberships.updateRoles(affected);
        Set<Long> changedMembers = new HashSet<>(before);
        changedMembers.addAll(after);
        changedMembers.removeIf(id -> before.contains(id) && after.contains(id));
        audit(provisioner, action, group, changedMembers, source);
    }

    /** Members must be Users of the organization: an id of anything else is refused, not dropped. */
    private Set<Long> knownMembers(Provisioner provisioner, Set<Long> ids) {
        List<Reference> known = memberships.members(provisioner.organizationId(), ids);
        if (known.size() != ids.size()) {
            Set<Long> unknown = new HashSet<>(ids);
            known.forEach(reference -> unknown.remove(reference.id()));
            throw new QuorumException(
                    QuorumError.SCIM_INVALID_VALUE,
                    "No User with id " + unknown.iterator().next() + " in your organization.");
        }
        return Set.copyOf(ids);
    }

    private void requireFreeName(Provisioner provisioner, String displayName, Long exceptId) {
        boolean taken = em.createQuery(
                        "SELECT g.id FROM ScimGroup g WHERE g.organization.id = :organization"
                                + " AND LOWER(g.displayName) = LOWER(:name)",
                        Long.class)
                .setParameter("organization", provisioner.organizationId())
                .setParameter("name", displayName)
                .getResultStream()
                .anyMatch(id -> !id.equals(exceptId));
        if (taken) {
            throw new QuorumException(QuorumError.SCIM_UNIQUENESS, "A Group with that displayName exists.");
        }
    }

    private ScimGroup find(Provisioner provisioner, String id, boolean forUpdate) {
        Long groupId = ScimUsers.idOrNone(id);
        ScimGroup group = groupId == null
                ? null
                : forUpdate
                        ? em.find(ScimGroup.class, groupId, LockModeType.PESSIMISTIC_WRITE)
                        : em.find(ScimGroup.class, groupId);
        if (group == null || group.getOrganization().getId() != provisioner.organizationId()) {
            throw new QuorumException(QuorumError.SCIM_NOT_FOUND);
        }
        return group;
    }

    private ScimResource render(Provisioner provisioner, ScimGroup group, boolean withMembers, String base) {
        return ScimJson.group(
                group,
                withMembers ? memberships.members(provisioner.organizationId(), group.getMemberIds()) : null,
                base);
    }

    private void audit(
            Provisioner provisioner, String action, ScimGroup group, Set<Long> changedMembers, String source) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("displayName", group.getDisplayName());
        group.grantedRole().ifPresent(role -> detail.put("grantsRole", role.claim()));
        detail.put("members", group.getMemberIds().size());
        if (!changedMembers.isEmpty()) {
            detail.put("membersChanged", changedMembers.size());
        }
        changes.fire(new ProvisioningChange(provisioner.origin(source), action, "group:" + group.getId(), detail));
    }
}
