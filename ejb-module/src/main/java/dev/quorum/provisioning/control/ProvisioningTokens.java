package dev.quorum.provisioning.control;

import dev.quorum.identity.control.Secrets;
import dev.quorum.identity.entity.Organization;
import dev.quorum.identity.entity.ProvisioningToken;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The credentials of organizations' identity providers for the SCIM API: issued and revoked by the
 * platform's operator ({@code PlatformAdministration}), presented as {@code Authorization: Bearer qps_...}.
 */
@Stateless
@DatabaseGuarded
public class ProvisioningTokens {

    /** Tells a reader (and a secret scanner) what the secret is for. */
    public static final String PREFIX = "qps_";

    /** How stale "last used" may get: a SCIM sync sends many requests, one write a minute is enough. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    public record TokenView(
            long id, String label, Instant createdAt, String createdBy, Instant revokedAt, Instant lastUsedAt) {}

    public IssuedProvisioningToken issue(Organization organization, String label, String issuedBy) {
        String secret = Secrets.random(PREFIX);
        ProvisioningToken token = new ProvisioningToken(organization, label, Secrets.digest(secret), issuedBy);
        em.persist(token);
        em.flush();
        em.refresh(token);
        return new IssuedProvisioningToken(token.getId(), organization.getSlug(), label, secret, token.getCreatedAt());
    }

    public List<TokenView> of(Organization organization) {
        return em.createNamedQuery(ProvisioningToken.OF_ORGANIZATION, ProvisioningToken.class)
                .setParameter("organization", organization.getId())
                .getResultStream()
                .map(ProvisioningTokens::view)
                .toList();
    }

    /** Revokes it at once: the next request that presents it is refused. Revoking twice changes nothing. */
    public TokenView revoke(Organization organization, long id) {
        ProvisioningToken token = em.find(ProvisioningToken.class, id);
        if (token == null || !token.getOrganization().getId().equals(organization.getId())) {
            throw new QuorumException(QuorumError.PROVISIONING_TOKEN_NOT_FOUND);
        }
        token.revoke();
        return view(token);
    }

    /** Every token of the organization, when it is suspended or deleted. */
    public void revokeAll(Organization organization) {
        em.createNamedQuery(ProvisioningToken.OF_ORGANIZATION, ProvisioningToken.class)
                .setParameter("organization", organization.getId())
                .getResultList()
                .forEach(ProvisioningToken::revoke);
    }

    /**
     * The identity provider a presented secret belongs to: none if it is unknown or revoked, or its
     * organization is not active.
     */
    public Optional<Provisioner> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Optional<ProvisioningToken> found = em.createNamedQuery(ProvisioningToken.BY_DIGEST, ProvisioningToken.class)
                .setParameter("digest", Secrets.digest(secret))
                .getResultStream()
                .findFirst()
                .filter(token ->
                        token.getRevokedAt() == null && token.getOrganization().isActive());
        found.ifPresent(ProvisioningTokens::noteUse);
        return found.map(token -> new Provisioner(
                token.getId(),
                token.getOrganization().getId(),
                token.getOrganization().getSlug(),
                token.getLabel()));
    }

    private static void noteUse(ProvisioningToken token) {
        Instant now = Instant.now();
        if (token.getLastUsedAt() == null || token.getLastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
            token.setLastUsedAt(now);
        }
    }

    private static TokenView view(ProvisioningToken token) {
        return new TokenView(
                token.getId(),
                token.getLabel(),
                token.getCreatedAt(),
                token.getCreatedBy(),
                token.getRevokedAt(),
                token.getLastUsedAt());
    }
}
