package dev.quorum.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.quorum.identity.control.PemKeys;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Tokens as an identity provider would issue them, good and bad, signed in the test itself. */
public final class Tokens {

    public static final String ISSUER = "https://quorum.dev/development-issuer";
    public static final String AUDIENCE = "quorum";

    private static final PrivateKey FOREIGN_KEY = foreignKey();

    private Tokens() {}

    public static String valid(String organization, String subject, String... roles) {
        // an hour: test classes keep tokens in static fields, which other classes may touch long before they run
        return sign(
                DevelopmentKey.KEY,
                claims(organization, subject, List.of(roles), Duration.ofHours(1))
                        .build());
    }

    /** A valid token signed by the given key, for servers configured with its public half. */
    public static String signedBy(PrivateKey key, String organization, String subject, String... roles) {
        return sign(
                key,
                claims(organization, subject, List.of(roles), Duration.ofMinutes(10))
                        .build());
    }

    public static String expired(String organization, String subject) {
        JWTClaimsSet claims = claims(organization, subject, List.of("member"), Duration.ofMinutes(-10))
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                .build();
        return sign(DevelopmentKey.KEY, claims);
    }

    public static String signedByAnotherKey(String organization, String subject) {
        return sign(
                FOREIGN_KEY,
                claims(organization, subject, List.of("member"), Duration.ofMinutes(10))
                        .build());
    }

    public static String with(String organization, String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(
                DevelopmentKey.KEY,
                change.apply(claims(organization, subject, List.of("member"), Duration.ofMinutes(10)))
                        .build());
    }

    private static JWTClaimsSet.Builder claims(
            String organization, String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("upn", subject)
                .claim("org", organization)
                .claim("groups", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(PrivateKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loaded on first use, so that tests with keys of their own need no distribution. */
    private static final class DevelopmentKey {
        static final PrivateKey KEY = PemKeys.privateKey(
                Path.of(System.getProperty("quorum.distribution"), "dev-keys", "quorum-dev-private.pem")
                        .toString());
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
