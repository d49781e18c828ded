package dev.quorum.signin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How Quorum signs browsers in through the organization's OpenID Connect provider (off without an issuer). */
@ApplicationScoped
public class OidcSettings {

    @Inject
    @ConfigProperty(name = "quorum.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "quorum.oidc.client-id", defaultValue = "quorum")
    String clientId;

    @Inject
    @ConfigProperty(name = "quorum.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "quorum.oidc.scopes", defaultValue = "openid profile email")
    String scopes;

    @Inject
    @ConfigProperty(name = "quorum.oidc.member-claim", defaultValue = "preferred_username")
    String memberClaim;

    @Inject
    @ConfigProperty(name = "quorum.oidc.organization-claim", defaultValue = "organization")
    String organizationClaim;

    @Inject
    @ConfigProperty(name = "quorum.oidc.organization")
    Optional<String> fixedOrganization;

    @Inject
    @ConfigProperty(name = "quorum.oidc.roles-claim", defaultValue = "groups")
    String rolesClaim;

    @Inject
    @ConfigProperty(name = "quorum.oidc.provider-name", defaultValue = "your organization account")
    String providerName;

    @Inject
    @ConfigProperty(name = "quorum.oidc.redirect-uri")
    Optional<String> redirectUri;

    public boolean enabled() {
        return issuer().isPresent();
    }

    public Optional<String> issuer() {
        return issuer.filter(i -> !i.isBlank()).map(String::trim);
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret.filter(s -> !s.isBlank()).orElse("");
    }

    public String scopes() {
        return scopes;
    }

    public String providerName() {
        return providerName;
    }

    /** The callback address registered at the provider, when a proxy makes the request's own one wrong. */
    public Optional<String> redirectUri() {
        return redirectUri.filter(u -> !u.isBlank()).map(String::trim);
    }

    public ClaimMapping mapping() {
        return new ClaimMapping(
                memberClaim, organizationClaim, fixedOrganization.filter(o -> !o.isBlank()), rolesClaim);
    }
}
