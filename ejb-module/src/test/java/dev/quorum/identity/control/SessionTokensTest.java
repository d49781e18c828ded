package dev.quorum.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static SessionTokens tokens(String key, long lifetimeSeconds) {
        SessionTokens tokens = new SessionTokens();
        tokens.configuredKey = Optional.of(key);
        tokens.audiences = "quorum";
        tokens.lifetimeSeconds = lifetimeSeconds;
        return tokens;
    }

    private static final MemberIdentity ALICE =
            new MemberIdentity(7, "alice", "Alice Archer", 1, "acme", "Acme", Set.of("member", "secretary"), null);

    @Test
    void aTokenItIssuedVerifiesWithTheMembersClaims() throws Exception {
        SessionTokens tokens = tokens(KEY, 300);
        String token = tokens.issue(ALICE);
        assertTrue(SessionTokens.claimsToBeSessionToken(token));
        JWTClaimsSet claims = tokens.verify(token);
        assertEquals("alice", claims.getSubject());
        assertEquals("acme", claims.getStringClaim("org"));
        assertEquals(List.of("member", "secretary"), claims.getStringListClaim("groups"));
        assertEquals(
                300,
                (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    }

    @Test
    void anotherKeysTokenAnExpiredOneAndATamperedOneAreRefused() {
        String foreign =
                tokens(Base64.getEncoder().encodeToString(new byte[32]), 300).issue(ALICE);
        SessionTokens tokens = tokens(KEY, 300);
        assertEquals(
                QuorumError.TOKEN_INVALID,
                assertThrows(QuorumException.class, () -> tokens.verify(foreign))
                        .error());
        String expired = tokens(KEY, -120).issue(ALICE);
        assertThrows(QuorumException.class, () -> tokens.verify(expired));
        String token = tokens.issue(ALICE);
        String[] parts = token.split("\\.");
        String elevated = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                                .replace("secretary", "admin")
                                .getBytes())
                + "." + parts[2];
        assertThrows(QuorumException.class, () -> tokens.verify(elevated));
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + parts[1] + ".";
        assertThrows(QuorumException.class, () -> tokens.verify(unsigned));
    }

    @Test
    void onlyTokensNamingQuorumsSessionIssuerClaimToBeSessionTokens() {
        assertFalse(SessionTokens.claimsToBeSessionToken(null));
        assertFalse(SessionTokens.claimsToBeSessionToken("qps_abc"));
        assertFalse(SessionTokens.claimsToBeSessionToken("not.a.jwt"));
        // told apart by the header alone: Quorum's, byte for byte
        String token = tokens(KEY, 300).issue(ALICE);
        assertTrue(SessionTokens.claimsToBeSessionToken(token));
        String otherHeader =
                Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes())
                        + token.substring(token.indexOf('.'));
        assertFalse(SessionTokens.claimsToBeSessionToken(otherHeader));
    }

    @Test
    void aConfiguredKeyShorterThan32BytesIsRefused() {
        assertThrows(IllegalStateException.class, () -> SessionTokens.decodeKey("c2hvcnQ="));
    }
}
