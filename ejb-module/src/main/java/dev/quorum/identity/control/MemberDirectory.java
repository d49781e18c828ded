package dev.quorum.identity.control;

import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.MemberStanding;
import dev.quorum.identity.entity.OrganizationStatus;
import dev.quorum.identity.entity.Role;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Resolves what a credential claims into a member that exists and is active. */
@Stateless
@DatabaseGuarded
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

    /** The organization of this slug, whatever its status. */
    public Optional<dev.quorum.identity.entity.Organization> organization(String slug) {
        return em.createQuery(
                        "SELECT o FROM Organization o WHERE o.slug = :slug",
                        dev.quorum.identity.entity.Organization.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst();
    }

    /** The organizations whose members can sign in. */
    public List<dev.quorum.identity.entity.Organization> organizations() {
        return em.createQuery(
                        "SELECT o FROM Organization o WHERE o.status = :active ORDER BY o.name",
                        dev.quorum.identity.entity.Organization.class)
                .setParameter("active", dev.quorum.identity.entity.OrganizationStatus.ACTIVE)
                .getResultList();
    }

    public List<Member> activeMembers(String organization) {
        return em.createNamedQuery(Member.ACTIVE_OF_ORGANIZATION, Member.class)
                .setParameter("organization", organization)
                .getResultList();
    }

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "0")
    int clockSkewSeconds;

    /**
     * The identity of a token MicroProfile JWT has verified. Payara checks its signature, issuer, audience
     * and expiry but not {@code nbf}: a token that is not valid yet is refused here, with the same clock
     * skew allowed as for its expiry.
     */
    // a read on every handshake: no transaction to begin and commit around one query
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public MemberIdentity resolve(org.eclipse.microprofile.jwt.JsonWebToken token) {
        Long notBefore = epochSeconds(token.getClaim("nbf"));
        if (notBefore != null && notBefore > Instant.now().getEpochSecond() + clockSkewSeconds) {
            throw new QuorumException(QuorumError.TOKEN_INVALID, "The token is not valid yet (its 'nbf' lies ahead).");
        }
        return resolve(
                token.getClaim("org"),
                token.getSubject(),
                token.getGroups(),
                Instant.ofEpochSecond(token.getExpirationTime()));
    }

    private static Long epochSeconds(Object claim) {
        if (claim instanceof Number number) {
            return number.longValue();
        }
        if (claim instanceof jakarta.json.JsonNumber number) {
            return number.longValue();
        }
        return null;
    }

    /**
     * The identity of a verified credential. Roles come from the credential (the identity provider is
     * the authority on them), restricted to the roles Quorum knows.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public MemberIdentity resolve(
            String organization, String subject, Collection<String> claimedRoles, Instant credentialExpiresAt) {
        if (organization == null || organization.isBlank()) {
            throw new QuorumException(QuorumError.ORGANIZATION_MISSING);
        }
        // one row, no entity: building a managed Member (and reading its roles) was most of a handshake's
        // database time, and the roles come from the credential anyway
        MemberStanding standing = em
                .createQuery(Member.STANDING_BY_ORGANIZATION_AND_SUBJECT, MemberStanding.class)
                .setParameter("organization", organization)
                .setParameter("subject", subject)
                .getResultList()
                .stream()
                .findFirst()
                .orElseThrow(() -> new QuorumException(QuorumError.MEMBER_UNKNOWN));
        requireActive(standing.organizationStatus() == OrganizationStatus.ACTIVE, standing.active());
        return new MemberIdentity(
                standing.memberId(),
                standing.subject(),
                standing.displayName(),
                standing.organizationId(),
                standing.organizationSlug(),
                standing.organizationName(),
                knownRoles(claimedRoles),
                credentialExpiresAt);
    }

    /** Only an active member of an active organization is let in. */
    static void requireActive(Member member) {
        requireActive(member.getOrganization().isActive(), member.isActive());
    }

    private static void requireActive(boolean organizationActive, boolean memberActive) {
        if (!organizationActive) {
            throw new QuorumException(QuorumError.ORGANIZATION_SUSPENDED);
        }
        if (!memberActive) {
            throw new QuorumException(QuorumError.MEMBER_INACTIVE);
        }
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
