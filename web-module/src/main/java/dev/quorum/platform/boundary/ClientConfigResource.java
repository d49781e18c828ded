package dev.quorum.platform.boundary;

import dev.quorum.identity.control.DevelopmentTokens;
import dev.quorum.platform.control.RuntimeMode;
import dev.quorum.signin.control.OidcSettings;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the browser pages need to know before anyone signs in: whether the development sign-in exists,
 * and where the host application hands out tokens (production), so the client can refresh them.
 */
@Path("client-config")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ClientConfigResource {

    @Inject
    RuntimeMode mode;

    @Inject
    DevelopmentTokens tokens;

    @Inject
    OidcSettings oidc;

    @Inject
    @ConfigProperty(name = "quorum.client.token-url")
    Optional<String> tokenUrl;

    @Inject
    @ConfigProperty(name = "quorum.client.sign-in-url")
    Optional<String> signInUrl;

    /**
     * {@code tokenUrl}: the host application's endpoint that answers a signed-in browser (by its own
     * cookie) with {@code {"token": "..."}}. {@code signInUrl}: where to send a browser without a token.
     * {@code identityProvider}: the name of the OpenID Connect provider Quorum signs browsers in with
     * itself ({@code api/auth/oidc/sign-in}), if one is configured.
     */
    public record ClientConfig(
            String mode, boolean developmentSignIn, String tokenUrl, String signInUrl, String identityProvider) {}

    @GET
    public ClientConfig config() {
        return new ClientConfig(
                mode.isDevelopment() ? "development" : "production",
                tokens.available(),
                tokenUrl.filter(u -> !u.isBlank()).orElse(null),
                signInUrl.filter(u -> !u.isBlank()).orElse(null),
                oidc.enabled() ? oidc.providerName() : null);
    }
}
