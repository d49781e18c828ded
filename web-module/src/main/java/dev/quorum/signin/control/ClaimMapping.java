package dev.quorum.signin.control;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Optional;

/**
 * Which claims of the provider's ID token name the member, their organization and their groups. The
 * member claim falls back to {@code sub}; an installation whose provider serves one organization names
 * it once ({@code quorum.oidc.organization}) instead of a claim.
 */
public record ClaimMapping(
        String memberClaim, String organizationClaim, Optional<String> fixedOrganization, String rolesClaim) {

    /** Who the provider says signed in. */
    public record ProviderIdentity(String organization, String subject, List<String> groups) {}

    public ProviderIdentity identityOf(JWTClaimsSet claims) {
        String subject = text(claims.getClaim(memberClaim)).orElseGet(claims::getSubject);
        String organization = fixedOrganization
                .or(() -> text(claims.getClaim(organizationClaim)))
                .orElse(null);
        return new ProviderIdentity(organization, subject, groupsOf(claims.getClaim(rolesClaim)));
    }

    private static Optional<String> text(Object claim) {
        return claim instanceof String text && !text.isBlank() ? Optional.of(text.trim()) : Optional.empty();
    }

    /** A list of names, or one name; anything else names no group. */
    private static List<String> groupsOf(Object claim) {
        if (claim instanceof String one) {
            return List.of(one);
        }
        if (claim instanceof List<?> many) {
            return many.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .limit(200)
                    .toList();
        }
        return List.of();
    }
}
