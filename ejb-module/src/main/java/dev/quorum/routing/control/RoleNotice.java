package dev.quorum.routing.control;

import java.util.Set;

/**
 * A frame of the given type for every open connection of an organization whose member holds one of the
 * roles (a compliance alert for its officers), on every node; not persisted, delivered once it commits.
 */
public record RoleNotice(long organizationId, Set<String> roles, String type, String payloadJson) {

    public RoleNotice {
        roles = Set.copyOf(roles);
    }
}
