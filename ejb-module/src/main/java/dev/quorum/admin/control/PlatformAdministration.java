package dev.quorum.admin.control;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Organization;
import dev.quorum.identity.entity.OrganizationStatus;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.provisioning.control.IssuedProvisioningToken;
import dev.quorum.provisioning.control.ProvisioningTokens;
import dev.quorum.provisioning.control.ProvisioningTokens.TokenView;
import dev.quorum.routing.control.OrganizationClosed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The platform operator's work ({@code platform_admin}): organizations created, suspended, resumed and
 * deleted, and the provisioning tokens of their identity providers issued and revoked. Each call is one
 * transaction with its audit record; connections are closed after it commits. The operator sees figures
 * and settings of organizations, never their content.
 */
@Stateless
@DatabaseGuarded
public class PlatformAdministration {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    ProvisioningTokens tokens;

    @Inject
    MemberDirectory directory;

    @Inject
    Event<AdminAction> actions;

    @Inject
    Event<OrganizationClosed> closings;

    public record OrganizationView(
            String slug, String name, String status, Instant createdAt, long members, long activeTokens) {}

    public List<OrganizationView> organizations() {
        return em.createQuery("SELECT o FROM Organization o ORDER BY o.slug", Organization.class)
                .getResultStream()
                .map(this::view)
                .toList();
    }

    public OrganizationView organization(String slug) {
        return view(find(slug));
    }

    public OrganizationView create(MemberIdentity operator, String slug, String name, String source) {
        if (directory.organization(slug).isPresent()) {
            throw new QuorumException(QuorumError.ORGANIZATION_TAKEN);
        }
        Organization organization = new Organization(slug, name);
        em.persist(organization);
        em.flush();
        em.refresh(organization);
        audit(operator, "platform.organization.create", organization, Map.of("name", name), source);
        return view(organization);
    }

    /** Nobody of it signs in any more, its connections close and its provisioning tokens stop working. */
    public OrganizationView suspend(MemberIdentity operator, String slug, String source) {
        Organization organization = find(slug);
        if (organization.getStatus() != OrganizationStatus.ACTIVE) {
            throw new QuorumException(QuorumError.ORGANIZATION_STATE, "Only an active organization can be suspended.");
        }
        refuseOwn(operator, organization);
        organization.setStatus(OrganizationStatus.SUSPENDED);
        audit(operator, "platform.organization.suspend", organization, Map.of(), source);
        closings.fire(new OrganizationClosed(organization.getId()));
        return view(organization);
    }

    /** Its members sign in again; its provisioning tokens work again unless they were revoked. */
    public OrganizationView resume(MemberIdentity operator, String slug, String source) {
        Organization organization = find(slug);
        if (organization.getStatus() != OrganizationStatus.SUSPENDED) {
            throw new QuorumException(QuorumError.ORGANIZATION_STATE, "Only a suspended organization can be resumed.");
        }
        organization.setStatus(OrganizationStatus.ACTIVE);
        audit(operator, "platform.organization.resume", organization, Map.of(), source);
        return view(organization);
    }

    /**
     * Closes a suspended organization for good: its tokens are revoked and it cannot be resumed. Its
     * history stays (the audit trail is append-only; retention removes messages in time) and its slug
     * stays taken, so an old token of it can never name a new organization.
     */
    public OrganizationView delete(MemberIdentity operator, String slug, String source) {
        Organization organization = find(slug);
        if (organization.getStatus() != OrganizationStatus.SUSPENDED) {
            throw new QuorumException(QuorumError.ORGANIZATION_STATE);
        }
        organization.setStatus(OrganizationStatus.DELETED);
        tokens.revokeAll(organization);
        audit(operator, "platform.organization.delete", organization, Map.of(), source);
        closings.fire(new OrganizationClosed(organization.getId()));
        return view(organization);
    }

    public IssuedProvisioningToken issueToken(MemberIdentity operator, String slug, String label, String source) {
        Organization organization = find(slug);
        if (organization.getStatus() == OrganizationStatus.DELETED) {
            throw new QuorumException(QuorumError.ORGANIZATION_STATE, "A deleted organization gets no tokens.");
        }
        IssuedProvisioningToken issued = tokens.issue(organization, label, operator.subject());
        audit(
                operator,
                "platform.provisioning-token.issue",
                organization,
                Map.of("token", issued.id(), "label", label),
                source);
        return issued;
    }

    public List<TokenView> tokens(String slug) {
        return tokens.of(find(slug));
    }

    public TokenView revokeToken(MemberIdentity operator, String slug, long id, String source) {
        Organization organization = find(slug);
        TokenView revoked = tokens.revoke(organization, id);
        audit(operator, "platform.provisioning-token.revoke", organization, Map.of("token", id), source);
        return revoked;
    }

    /** An operator suspending their own organization would lock everyone, themselves included, out. */
    private static void refuseOwn(MemberIdentity operator, Organization organization) {
        if (operator.organizationId() == organization.getId()) {
            throw new QuorumException(
                    QuorumError.ORGANIZATION_STATE, "The platform operator's own organization cannot be suspended.");
        }
    }

    private Organization find(String slug) {
        return directory.organization(slug).orElseThrow(() -> new QuorumException(QuorumError.ORGANIZATION_NOT_FOUND));
    }

    private OrganizationView view(Organization organization) {
        long members =
                (Long) em.createQuery("SELECT COUNT(m) FROM Member m WHERE m.organization.id = :id AND m.active = TRUE")
                        .setParameter("id", organization.getId())
                        .getSingleResult();
        long activeTokens = (Long) em.createQuery(
                        "SELECT COUNT(t) FROM ProvisioningToken t WHERE t.organization.id = :id AND t.revokedAt IS NULL")
                .setParameter("id", organization.getId())
                .getSingleResult();
        return new OrganizationView(
                organization.getSlug(),
                organization.getName(),
                organization.getStatus().name().toLowerCase(java.util.Locale.ROOT),
                organization.getCreatedAt(),
                members,
                activeTokens);
    }

    private void audit(
            MemberIdentity operator,
            String action,
            Organization organization,
            Map<String, Object> detail,
            String source) {
        actions.fire(
                new AdminAction(Origin.of(operator, source), action, "organization:" + organization.getSlug(), detail));
    }
}
