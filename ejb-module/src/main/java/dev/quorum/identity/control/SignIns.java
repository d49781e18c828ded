package dev.quorum.identity.control;

import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.Role;
import dev.quorum.identity.entity.ScimGroup;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Members who sign in through the organization's identity provider: only a member Quorum knows (created
 * by SCIM or an administrator) and who is active, of an active organization. Their roles are the ones
 * Quorum keeps for them together with the ones the provider's groups name.
 */
@Stateless
@DatabaseGuarded
public class SignIns {

    @Inject
    MemberDirectory directory;

    @Inject
    Event<SessionChange> changes;

    /** Signs a member in, audited; {@code providerGroups} are the provider's group names for them. */
    public MemberIdentity signIn(
            String organization, String subject, Collection<String> providerGroups, String source) {
        MemberIdentity identity = current(organization, subject, providerGroups);
        changes.fire(new SessionChange(
                Origin.of(identity, source),
                "auth.signed-in",
                "member:" + identity.subject(),
                Map.of("roles", new TreeSet<>(identity.roles()))));
        return identity;
    }

    /**
     * The member as they are now, for a new session token: refused once the member was deactivated or
     * the organization suspended, so a browser session ends within one token lifetime.
     */
    public MemberIdentity current(String organization, String subject, Collection<String> providerGroups) {
        if (organization == null || organization.isBlank() || subject == null || subject.isBlank()) {
            throw new QuorumException(QuorumError.SIGN_IN_CLAIM_MISSING);
        }
        Member member = directory
                .find(organization, subject)
                .orElseThrow(() -> new QuorumException(QuorumError.MEMBER_UNKNOWN));
        MemberDirectory.requireActive(member);
        return MemberDirectory.identityOf(member, rolesOf(member.getRoles(), providerGroups), null);
    }

    /**
     * Audits a sign-in the provider vouched for and Quorum refused (unknown or inactive member, suspended
     * organization), in the organization it named if there is one, else in the installation's trail: failed
     * sign-ins are what a compliance officer looks for first.
     */
    public void refused(String organization, String subject, QuorumError reason, String source) {
        long organizationId = organization == null
                ? 0
                : directory.organization(organization).map(o -> o.getId()).orElse(0L);
        String who = subject == null ? "(none)" : subject;
        changes.fire(new SessionChange(
                new Origin(organizationId, "identity-provider:" + who, 0, source),
                "auth.sign-in-refused",
                "member:" + who,
                Map.of("code", reason.name(), "organization", organization == null ? "(none)" : organization)));
    }

    /** Audits the end of a browser session (of a member Quorum still knows). */
    public void signOut(String organization, String subject, String source) {
        directory
                .find(organization, subject)
                .ifPresent(member -> changes.fire(new SessionChange(
                        Origin.of(MemberDirectory.identityOf(member, Set.of(), null), source),
                        "auth.signed-out",
                        "member:" + member.getSubject(),
                        Map.of())));
    }

    /**
     * The roles of a signed-in member: every member is a {@code member}; the roles Quorum keeps; and each
     * provider group named after a role (a path such as {@code /Board/Chair} counts by its last part).
     * A provider never grants {@code platform_admin}.
     */
    static Set<String> rolesOf(Collection<Role> stored, Collection<String> providerGroups) {
        Set<String> roles = new TreeSet<>();
        roles.add(Role.MEMBER.claim());
        stored.forEach(role -> roles.add(role.claim()));
        for (String group : providerGroups) {
            if (group == null) {
                continue;
            }
            String name = group.substring(group.lastIndexOf('/') + 1);
            Optional<Role> role = name.isBlank() ? Optional.empty() : ScimGroup.roleNamed(name);
            role.ifPresent(r -> roles.add(r.claim()));
        }
        return roles;
    }
}
