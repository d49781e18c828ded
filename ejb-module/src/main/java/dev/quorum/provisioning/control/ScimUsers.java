package dev.quorum.provisioning.control;

import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.Organization;
import dev.quorum.identity.entity.Role;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.MemberDisconnected;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SCIM Users: an organization's members as its identity provider creates, changes, deactivates and deletes
 * them. Each call is one transaction with its audit record; a member deactivated or deleted loses every
 * connection on every node once it commits. Nothing reaches beyond the token's organization.
 */
@Stateless
@DatabaseGuarded
public class ScimUsers {

    static final Set<String> FILTERABLE =
            Set.of("username", "externalid", "id", "displayname", "emails", "emails.value");

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    ScimMemberships memberships;

    @Inject
    Event<ProvisioningChange> changes;

    @Inject
    Event<MemberDisconnected> disconnections;

    /**
     * A new member. A userName that a deleted (deprovisioned) member held brings that member back, so their
     * history keeps one name; a userName held by a present member is refused as {@code uniqueness}.
     */
    public ScimResource create(Provisioner provisioner, UserAttributes user, String base, String source) {
        Member member = bySubject(provisioner, user.userName()).orElse(null);
        if (member != null && !member.isDeprovisioned()) {
            throw new QuorumException(QuorumError.SCIM_UNIQUENESS, "A User with that userName exists.");
        }
        if (member == null) {
            member = new Member(
                    em.getReference(Organization.class, provisioner.organizationId()),
                    user.userName(),
                    user.shownName(),
                    Set.of(Role.MEMBER));
            em.persist(member);
        } else {
            member.setDeprovisioned(false);
            member.setRoles(Set.of(Role.MEMBER));
        }
        write(member, user);
        em.flush();
        em.refresh(member);
        audit(provisioner, "scim.user.create", member, source);
        return memberships.render(member, base);
    }

    public ScimResource get(Provisioner provisioner, String id, String base) {
        return memberships.render(find(provisioner, id, false), base);
    }

    public ScimListing list(Provisioner provisioner, String filter, int startIndex, int count, String base) {
        ScimFilter parsed = filter == null ? null : ScimFilter.parse(filter, FILTERABLE);
        String condition = parsed == null
                ? null
                : switch (parsed.attribute()) {
                    case "username" -> "LOWER(x.subject) = LOWER(:value)";
                    case "externalid" -> "x.externalId = :value";
                    case "displayname" -> "x.displayName = :value";
                    case "emails", "emails.value" -> "LOWER(x.email) = LOWER(:value)";
                    default -> "x.id = :value"; // id
                };
        ScimPage<Member> page = ScimPage.of(
                em,
                Member.class,
                "FROM Member x WHERE x.organization.id = :organization AND x.deprovisioned = FALSE",
                provisioner.organizationId(),
                condition,
                parsed == null ? null : parsed.attribute().equals("id") ? idOrNone(parsed.value()) : parsed.value(),
                startIndex,
                count);
        return new ScimListing(ScimJson.list(memberships.render(page.rows(), base), page.total(), startIndex));
    }

    public ScimResource replace(
            Provisioner provisioner, String id, Long expectedVersion, UserAttributes user, String base, String source) {
        Member member = find(provisioner, id, true);
        requireVersion(member.getVersion(), expectedVersion);
        write(member, user);
        audit(provisioner, "scim.user.replace", member, source);
        return memberships.render(member, base);
    }

    public ScimResource patch(
            Provisioner provisioner,
            String id,
            Long expectedVersion,
            List<PatchOperation> operations,
            String base,
            String source) {
        Member member = find(provisioner, id, true);
        requireVersion(member.getVersion(), expectedVersion);
        write(member, UserPatch.apply(attributesOf(member), operations));
        audit(provisioner, "scim.user.patch", member, source);
        return memberships.render(member, base);
    }

    /**
     * Deletes the User for the identity provider: the member becomes inactive, leaves every group (and the
     * roles they gave) and is disconnected; the history that names them stays, as it must.
     */
    public void delete(Provisioner provisioner, String id, Long expectedVersion, String source) {
        Member member = find(provisioner, id, true);
        requireVersion(member.getVersion(), expectedVersion);
        boolean wasActive = member.isActive();
        member.setActive(false);
        member.setDeprovisioned(true);
        member.changed();
        memberships.leaveAll(member);
        audit(provisioner, "scim.user.delete", member, source);
        if (wasActive) {
            disconnections.fire(new MemberDisconnected(provisioner.organizationId(), member.getSubject()));
        }
    }

    /** Writes the attributes; a member made inactive, or renamed, loses their open connections. */
    private void write(Member member, UserAttributes user) {
        String formerSubject = member.getSubject();
        boolean wasActive = member.isActive() && member.getId() != null;
        if (!formerSubject.equals(user.userName())) {
            if (bySubject(member.getOrganization().getId(), user.userName())
                    .filter(other -> !other.getId().equals(member.getId()))
                    .isPresent()) {
                throw new QuorumException(QuorumError.SCIM_UNIQUENESS, "A User with that userName exists.");
            }
            member.setSubject(user.userName());
        }
        member.setExternalId(user.externalId());
        member.setDisplayName(user.shownName());
        member.setGivenName(user.givenName());
        member.setFamilyName(user.familyName());
        member.setEmail(user.email());
        member.setActive(user.active());
        member.changed();
        if (wasActive && (!user.active() || !formerSubject.equals(user.userName()))) {
            disconnections.fire(new MemberDisconnected(member.getOrganization().getId(), formerSubject));
        }
    }

    static UserAttributes attributesOf(Member member) {
        return new UserAttributes(
                member.getSubject(),
                member.getExternalId(),
                member.getDisplayName(),
                member.getGivenName(),
                member.getFamilyName(),
                member.getEmail(),
                member.isActive());
    }

    private Member find(Provisioner provisioner, String id, boolean forUpdate) {
        Long memberId = idOrNone(id);
        Member member = memberId == null
                ? null
                : forUpdate
                        ? em.find(Member.class, memberId, LockModeType.PESSIMISTIC_WRITE)
                        : em.find(Member.class, memberId);
        if (member == null
                || member.isDeprovisioned()
                || member.getOrganization().getId() != provisioner.organizationId()) {
            throw new QuorumException(QuorumError.SCIM_NOT_FOUND);
        }
        return member;
    }

    private java.util.Optional<Member> bySubject(Provisioner provisioner, String subject) {
        return bySubject(provisioner.organizationId(), subject);
    }

    private java.util.Optional<Member> bySubject(long organization, String subject) {
        return em.createQuery(
                        "SELECT m FROM Member m WHERE m.organization.id = :organization AND LOWER(m.subject) = LOWER(:subject)",
                        Member.class)
                .setParameter("organization", organization)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    static void requireVersion(long version, Long expected) {
        if (expected != null && expected != version) {
            throw new QuorumException(QuorumError.SCIM_VERSION_MISMATCH);
        }
    }

    /** A User's or Group's id as this server writes them, or null: such an id names nothing here. */
    static Long idOrNone(String id) {
        try {
            long parsed = Long.parseLong(id);
            return parsed > 0 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void audit(Provisioner provisioner, String action, Member member, String source) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("userName", member.getSubject());
        detail.put("active", member.isActive());
        changes.fire(
                new ProvisioningChange(provisioner.origin(source), action, "member:" + member.getSubject(), detail));
    }
}
