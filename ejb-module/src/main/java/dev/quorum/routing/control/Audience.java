package dev.quorum.routing.control;

import java.io.Serializable;
import java.util.Set;

/**
 * Who receives a committed message: everyone following its room, or (a direct message) every connection
 * of the given members of one organization, whether or not they joined the pair's room yet.
 */
public record Audience(long organizationId, Set<String> directMembers) implements Serializable {

    private static final Audience ROOM = new Audience(0, Set.of());

    public Audience {
        directMembers = Set.copyOf(directMembers);
    }

    public static Audience room() {
        return ROOM;
    }

    public static Audience direct(long organizationId, Set<String> members) {
        return new Audience(organizationId, members);
    }

    public boolean isDirect() {
        return !directMembers.isEmpty();
    }
}
