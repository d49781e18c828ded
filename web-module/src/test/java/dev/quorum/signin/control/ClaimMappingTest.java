package dev.quorum.signin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.quorum.signin.control.ClaimMapping.ProviderIdentity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimMappingTest {

    private static final ClaimMapping DEFAULTS =
            new ClaimMapping("preferred_username", "organization", Optional.empty(), "groups");

    @Test
    void theConfiguredClaimsNameMemberOrganizationAndGroups() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("f81d4fae-7dec")
                .claim("preferred_username", "alice")
                .claim("organization", "acme")
                .claim("groups", List.of("Secretary", "Board observers"))
                .build();
        assertEquals(
                new ProviderIdentity("acme", "alice", List.of("Secretary", "Board observers")),
                DEFAULTS.identityOf(claims));
    }

    @Test
    void withoutTheMemberClaimTheSubjectCountsAndOneGroupMayComeAsText() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("alice")
                .claim("preferred_username", "  ")
                .claim("organization", "acme")
                .claim("groups", "Chair")
                .build();
        assertEquals(new ProviderIdentity("acme", "alice", List.of("Chair")), DEFAULTS.identityOf(claims));
    }

    @Test
    void aFixedOrganizationWinsAndAMissingOneStaysMissing() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("alice")
                .claim("organization", "globex")
                .claim("groups", List.of(1, "admin"))
                .build();
        ClaimMapping fixed = new ClaimMapping("preferred_username", "organization", Optional.of("acme"), "groups");
        assertEquals(new ProviderIdentity("acme", "alice", List.of("admin")), fixed.identityOf(claims));
        assertNull(DEFAULTS.identityOf(new JWTClaimsSet.Builder().subject("x").build())
                .organization());
    }
}
