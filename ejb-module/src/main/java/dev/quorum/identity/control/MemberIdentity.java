package dev.quorum.identity.control;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * Who is on the other end of a connection or request: resolved from a token or a ticket and checked
 * against the member directory. Immutable and serializable so it can travel between cluster nodes.
 */
public record MemberIdentity(
        long memberId,
        String subject,
        String displayName,
        long organizationId,
        String organization,
        String organizationName,
        Set<String> roles,
        Instant credentialExpiresAt)
        implements Serializable {

    public MemberIdentity {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** How logs name a member: never the token, always the organization. */
    public String logName() {
        return subject + "@" + organization;
    }
}
