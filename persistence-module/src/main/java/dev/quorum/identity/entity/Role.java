package dev.quorum.identity.entity;

import java.util.Arrays;
import java.util.Optional;

/** The roles a member can hold; a token's {@code groups} claim names them. */
public enum Role {
    MEMBER("member"),
    SECRETARY("secretary"),
    CHAIR("chair"),
    COMPLIANCE_OFFICER("compliance_officer"),
    ADMIN("admin"),
    /** Operates the whole installation: sees every organization's figures, never their content. */
    PLATFORM_ADMIN("platform_admin");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name used in tokens, in the database and on the wire. */
    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String claim) {
        return Arrays.stream(values()).filter(r -> r.claim.equals(claim)).findFirst();
    }
}
