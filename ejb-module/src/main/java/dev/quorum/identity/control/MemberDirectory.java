package dev.quorum.identity.control;

import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.Role;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Resolves what a credential claims into a member that exists and is active. */
@Stateless
public class MemberDirectory {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    public Optional<Member> find(String organization, String subject) {
        return em.createNamedQuery(Member.BY_ORGANIZATION_AND_SUBJECT, Member.class)
                .setParameter("organization", organization)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    public List<dev.quorum.identity.entity.Organization> organizations() {
        return em.createQuery(
                        "SELECT o FROM Organization o ORDER BY o.name", dev.quorum.identity.entity.Organization.class)
                .getResultList();
    }

    public List<Member> activeMembers(String organization) {
        return em.createNamedQuery(Member.ACTIVE_OF_ORGANIZATION, Member.class)
                .setParameter("organization", organization)
                .getResultList();
    }

    /** The identity of a token MicroProfile JWT has verified. */
    public MemberIdentity resolve(org.eclipse.microprofile.jwt.JsonWebToken token) {
        return resolve(
                token.getClaim("org"),
                token.getSubject(),
                token.getGroups(),
                Instant.ofEpochSecond(token.getExpirationTime()));
    }

    /**
     * The identity of a verified credential. Roles come from the credential (the identity provider is
     * the authority on them), restricted to the roles Quorum knows.
     */
    public MemberIdentity resolve(
            String organization, String subject, Collection<String> claimedRoles, Instant credentialExpiresAt) {
        if (organization == null || organization.isBlank()) {
            throw new QuorumException(QuorumError.ORGANIZATION_MISSING);
        }
        Member member = find(organization, subject).orElseThrow(() -> new QuorumException(QuorumError.MEMBER_UNKNOWN));
        if (!member.isActive()) {
            throw new QuorumException(QuorumError.MEMBER_INACTIVE);
        }
        return identityOf(member, knownRoles(claimedRoles), credentialExpiresAt);
    }

    static Set<String> knownRoles(Collection<String> claimedRoles) {
        return claimedRoles.stream()
                .map(Role::fromClaim)
                .flatMap(Optional::stream)
                .map(Role::claim)
                .collect(Collectors.toUnmodifiableSet());
    }

    static MemberIdentity identityOf(Member member, Set<String> roles, Instant credentialExpiresAt) {
        return new MemberIdentity(
                member.getId(),
                member.getSubject(),
                member.getDisplayName(),
                member.getOrganization().getId(),
                member.getOrganization().getSlug(),
                member.getOrganization().getName(),
                roles,
                credentialExpiresAt);
    }
}
