package dev.quorum.provisioning.control;

import static dev.quorum.identity.control.BearerCredentials.bearerOf;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lets a provisioning token through MicroProfile JWT's door. Payara's JWT mechanism hands every bearer
 * credential to the identity stores and refuses the request when none accepts it; this store accepts a
 * valid {@code qps_} token (as role {@code scim_provisioner}) and leaves every other credential to the
 * JWT store, without a database read.
 */
@ApplicationScoped
public class ProvisioningTokenStore implements IdentityStore {

    public static final String ROLE = "scim_provisioner";

    @Inject
    ProvisioningTokens tokens;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        String bearer = bearerOf(credential);
        if (bearer == null || !bearer.startsWith(ProvisioningTokens.PREFIX)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return tokens.authenticate(bearer)
                .map(provisioner -> new CredentialValidationResult(new ProvisionerPrincipal(provisioner), Set.of(ROLE)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** Before the JWT store, which would only find the token malformed. */
    @Override
    public int priority() {
        return 10;
    }

    /**
     * Jakarta Security takes a validating store's groups only from a store that also provides groups; for
     * any other caller (a member's JWT) this store adds none.
     */
    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        return validationResult.getCallerPrincipal() instanceof ProvisionerPrincipal ? Set.of(ROLE) : Set.of();
    }
}
