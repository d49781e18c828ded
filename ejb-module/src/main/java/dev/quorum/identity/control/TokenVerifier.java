package dev.quorum.identity.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies a bearer token that arrives over an open connection ({@code auth.refresh}), where MicroProfile
 * JWT does not run. It applies the same configuration and the same rules as MicroProfile JWT does at
 * the handshake: RS256, {@code typ: JWT}, issuer, audience, expiry, and a {@code jti}; or, for Quorum's
 * own session tokens, {@link SessionTokens}' rules.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> inlinePublicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "quorum")
    String audiences;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "0")
    int clockSkewSeconds;

    @Inject
    MemberDirectory directory;

    @Inject
    SessionTokens sessionTokens;

    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /** The member a token names, if the token is valid and the member exists and is active. */
    public MemberIdentity identify(String token) {
        JWTClaimsSet claims;
        try {
            // a browser signed in through the identity provider refreshes with Quorum's own session token
            claims = SessionTokens.claimsToBeSessionToken(token)
                    ? sessionTokens.verify(token)
                    : processor().process(token, null);
        } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            LOG.log(Level.FINE, "A refreshed token was refused", e);
            throw new QuorumException(QuorumError.TOKEN_INVALID);
        }
        List<String> groups;
        String organization;
        try {
            groups = Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
            organization = claims.getStringClaim("org");
        } catch (ParseException e) {
            throw new QuorumException(QuorumError.TOKEN_INVALID);
        }
        String subject = Optional.ofNullable(claims.getSubject()).orElseGet(() -> stringClaim(claims, "upn"));
        if (subject == null) {
            throw new QuorumException(QuorumError.TOKEN_INVALID);
        }
        return directory.resolve(
                organization, subject, groups, claims.getExpirationTime().toInstant());
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            synchronized (this) {
                if (processor == null) {
                    processor = build();
                }
                current = processor;
            }
        }
        return current;
    }

    private DefaultJWTProcessor<SecurityContext> build() {
        DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
        built.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        built.setJWSKeySelector(keySelector());
        // a HashSet: Nimbus asks the set whether it contains null (an optional audience), which Set.of refuses
        Set<String> accepted = new HashSet<>(Arrays.stream(audiences.split(","))
                .map(String::trim)
                .filter(a -> !a.isEmpty())
                .toList());
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                accepted, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "jti"), null);
        claims.setMaxClockSkew(clockSkewSeconds);
        built.setJWTClaimsSetVerifier(claims);
        return built;
    }

    /** The issuer's key as MicroProfile JWT is configured: inline or at a location, PEM or JWKS. */
    private JWSKeySelector<SecurityContext> keySelector() {
        try {
            if (inlinePublicKey.filter(k -> !k.isBlank()).isPresent()) {
                return selectorOf(inlinePublicKey.get());
            }
            String location = publicKeyLocation
                    .filter(l -> !l.isBlank())
                    .orElseThrow(() -> new IllegalStateException("no token verification key is configured"));
            if (location.startsWith("http://") || location.startsWith("https://")) {
                JWKSource<SecurityContext> remote =
                        JWKSourceBuilder.create(URI.create(location).toURL()).build();
                return new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, remote);
            }
            return selectorOf(PemKeys.read(location));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the token verification key", e);
        }
    }

    private static JWSKeySelector<SecurityContext> selectorOf(String text) throws ParseException {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            return new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(trimmed)));
        }
        // a lone PEM key verifies every RS256 token, whatever key id the token names
        return new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, PemKeys.publicKeyOf(trimmed));
    }
}
