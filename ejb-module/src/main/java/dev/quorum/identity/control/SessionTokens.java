package dev.quorum.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The short-lived tokens Quorum issues itself to a browser signed in through the organization's identity
 * provider: the same claims as a member token of the identity provider ({@code sub}, {@code upn},
 * {@code org}, {@code groups}), signed with Quorum's own session key (HS256) and Quorum's own issuer, so
 * they are told apart from every other bearer token before any key is tried.
 */
@ApplicationScoped
public class SessionTokens {

    /** The issuer of every session token; no identity provider names itself so. */
    public static final String ISSUER = "urn:quorum:session";

    static final String SECRET_NAME = "session-token-key";

    @Inject
    SigningSecrets secrets;

    @Inject
    @ConfigProperty(name = "quorum.session.signing-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "quorum")
    String audiences;

    @Inject
    @ConfigProperty(name = "quorum.session.token-lifetime-seconds", defaultValue = "300")
    long lifetimeSeconds;

    private volatile byte[] key;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /**
     * The header of every session token, always the same: a bearer text is told to be one by its first
     * segment alone, without decoding anything (this runs for every request and handshake with a token).
     */
    static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256)
            .type(JOSEObjectType.JWT)
            .keyID("quorum-session")
            .build();

    private static final String HEADER_PREFIX = HEADER.toBase64URL() + ".";

    /** Whether a bearer text claims to be a session token (not verified: {@link #verify} does that). */
    public static boolean claimsToBeSessionToken(String bearer) {
        return bearer != null && bearer.length() <= 8192 && bearer.startsWith(HEADER_PREFIX);
    }

    public Duration lifetime() {
        return Duration.ofSeconds(lifetimeSeconds);
    }

    /** A new token for a member who is signed in, valid for the configured lifetime. */
    public String issue(MemberIdentity member) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audiences.split(",")[0].trim())
                .subject(member.subject())
                .claim("upn", member.subject())
                .claim("org", member.organization())
                .claim("name", member.displayName())
                .claim("groups", member.roles().stream().sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(HEADER, claims);
            jwt.sign(new MACSigner(key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a session token failed", e);
        }
    }

    /** The claims of a session token Quorum issued and that has not expired; TOKEN_INVALID otherwise. */
    public JWTClaimsSet verify(String token) {
        try {
            return processor().process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new QuorumException(QuorumError.TOKEN_INVALID);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            current = new DefaultJWTProcessor<>();
            current.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
            // one key, whatever key id a token names; HS256 only, so no token picks its own algorithm
            current.setJWSKeySelector(
                    new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, new SecretKeySpec(key(), "HmacSHA256")));
            // a HashSet: Nimbus asks the set whether it contains null, which Set.of refuses
            Set<String> accepted = new HashSet<>(Set.of(audiences.split(",")[0].trim()));
            current.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    accepted,
                    new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                    Set.of("exp", "jti", "sub", "org"),
                    null));
            processor = current;
        }
        return current;
    }

    /** The configured key (base64 of at least 32 bytes), else the one generated for this installation. */
    private byte[] key() {
        byte[] current = key;
        if (current == null) {
            current = configuredKey
                    .filter(k -> !k.isBlank())
                    .map(SessionTokens::decodeKey)
                    .orElseGet(() -> secrets.secret(SECRET_NAME));
            key = current;
        }
        return current;
    }

    static byte[] decodeKey(String configured) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException notBase64) {
            bytes = configured.trim().getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("quorum.session.signing-key must hold at least 32 bytes (base64)");
        }
        return bytes;
    }
}
