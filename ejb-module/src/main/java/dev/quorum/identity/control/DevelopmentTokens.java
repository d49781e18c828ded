package dev.quorum.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.Role;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.platform.control.RuntimeMode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mints tokens for the seed members, signed with the development key, so that Quorum can be tried
 * without an identity provider. Refuses to work in production mode: there the endpoint does not exist.
 */
@Stateless
@DatabaseGuarded
public class DevelopmentTokens {

    @Inject
    RuntimeMode mode;

    @Inject
    MemberDirectory directory;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "quorum")
    String audience;

    @Inject
    @ConfigProperty(name = "quorum.dev.signing-key.location")
    Optional<String> signingKeyLocation;

    static final long MAX_LIFETIME_SECONDS = 24 * 3600;

    /** The body of {@code POST /api/dev/tokens}: whose token, and for how long (1 s to a day, default an hour). */
    public record Request(String organization, String member, Duration lifetime) {
        public static Request decode(Fields fields) {
            Long seconds = fields.optionalId("ttlSeconds");
            if (seconds != null && seconds > MAX_LIFETIME_SECONDS) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "'ttlSeconds' must be between 1 and 86400.");
            }
            return new Request(
                    fields.text("organization", 100),
                    fields.text("member", 200),
                    Duration.ofSeconds(seconds == null ? 3600 : seconds));
        }
    }

    public boolean available() {
        return mode.isDevelopment()
                && signingKeyLocation.filter(l -> !l.isBlank()).isPresent();
    }

    public String mint(String organization, String subject, Duration lifetime) {
        if (!available()) {
            throw new QuorumException(QuorumError.NOT_FOUND);
        }
        Member member = directory
                .find(organization, subject)
                .orElseThrow(() -> new QuorumException(QuorumError.MEMBER_UNKNOWN));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience.split(",")[0].trim())
                .subject(member.getSubject())
                .claim("upn", member.getSubject())
                .claim("org", member.getOrganization().getSlug())
                .claim("name", member.getDisplayName())
                .claim(
                        "groups",
                        member.getRoles().stream().map(Role::claim).sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims, PemKeys.privateKey(signingKeyLocation.orElseThrow()));
    }

    static String sign(JWTClaimsSet claims, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .type(JOSEObjectType.JWT)
                            .keyID("quorum-development")
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a development token failed", e);
        }
    }
}
