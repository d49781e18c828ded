package dev.quorum.provisioning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.reflect.Method;
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

    /**
     * The bearer text of Payara's JWT credential ({@code SignedJWTCredential#getSignedJWT}), a Payara class
     * the application cannot compile against. The accessor is looked up once per credential class: this runs
     * for every request and handshake that carries a bearer token.
     */
    private static String bearerOf(Credential credential) {
        Accessor known = accessor;
        if (known == null || known.type() != credential.getClass()) {
            known = Accessor.of(credential.getClass());
            accessor = known;
        }
        if (known.method() == null) {
            return null;
        }
        try {
            return known.method().invoke(credential) instanceof String text ? text : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The last credential class seen and its accessor (null: it has none). A plain field, not a ClassValue:
     * that would hang this application's classes on Payara's class and keep them after an undeploy.
     */
    private record Accessor(Class<?> type, Method method) {
        static Accessor of(Class<?> type) {
            try {
                return new Accessor(type, type.getMethod("getSignedJWT"));
            } catch (NoSuchMethodException e) {
                return new Accessor(type, null);
            }
        }
    }

    private static volatile Accessor accessor;
}
