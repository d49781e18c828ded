package dev.quorum.signin.control;

import static dev.quorum.identity.control.BearerCredentials.bearerOf;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.quorum.identity.control.SessionTokens;
import dev.quorum.platform.control.QuorumException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.reflect.Constructor;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets Quorum's own session tokens (issued to browsers signed in through the identity provider) through
 * MicroProfile JWT's door, which knows only the identity provider's keys. The caller becomes the same
 * principal MicroProfile JWT makes of a token (Payara's {@code JsonWebTokenImpl}: its {@code JsonWebToken}
 * producer hands out no other class), so every resource reads a session token exactly as a member token.
 * Any other bearer token is left to the JWT store, without a key or database lookup.
 */
@ApplicationScoped
public class SessionTokenStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(SessionTokenStore.class.getName());

    static final String PAYARA_TOKEN_CLASS = "fish.payara.microprofile.jwtauth.jwt.JsonWebTokenImpl";

    @Inject
    SessionTokens tokens;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        String bearer = bearerOf(credential);
        if (!SessionTokens.claimsToBeSessionToken(bearer)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        JWTClaimsSet claims;
        try {
            claims = tokens.verify(bearer);
        } catch (QuorumException refused) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Set<String> groups =
                new HashSet<>(Optional.ofNullable(stringList(claims, "groups")).orElse(List.of()));
        return principalOf(credential.getClass().getClassLoader(), bearer, claims)
                .map(principal -> new CredentialValidationResult(principal, groups))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** Before the JWT store, which would find the token's issuer and key foreign. */
    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    /** The groups of a session token's caller; none for callers another store validated. */
    @Override
    public Set<String> getCallerGroups(CredentialValidationResult result) {
        CallerPrincipal principal = result.getCallerPrincipal();
        if (principal instanceof org.eclipse.microprofile.jwt.JsonWebToken token
                && SessionTokens.ISSUER.equals(token.getIssuer())) {
            return token.getGroups() == null ? Set.of() : token.getGroups();
        }
        return Set.of();
    }

    /**
     * Payara's principal for the token's claims, as its JWT store builds it (every claim as JSON, the raw
     * token under {@code raw_token}), loaded from the class loader of Payara's credential.
     */
    static Optional<CallerPrincipal> principalOf(ClassLoader payara, String bearer, JWTClaimsSet verified) {
        try {
            Map<String, JsonValue> claims = new HashMap<>(
                    Json.createObjectBuilder(verified.toJSONObject()).build());
            claims.put("raw_token", Json.createValue(bearer));
            String name = verified.getSubject();
            Class<?> type = Class.forName(PAYARA_TOKEN_CLASS, true, payara);
            Constructor<?> constructor = type.getConstructor(String.class, Map.class);
            return Optional.of((CallerPrincipal) constructor.newInstance(name, claims));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "A session token was verified but no JWT principal could be made of it", e);
            return Optional.empty();
        }
    }

    private static List<String> stringList(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringListClaim(name);
        } catch (java.text.ParseException e) {
            return null;
        }
    }
}
