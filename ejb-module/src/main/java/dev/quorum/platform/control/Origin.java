package dev.quorum.platform.control;

import dev.quorum.identity.control.MemberIdentity;
import java.io.Serializable;

/**
 * Who caused a change and from where: a member over a connection or a request, or Quorum itself (a
 * deadline, a timer). Every domain event carries one, so the audit trail and every other observer name
 * the same actor and source.
 */
public record Origin(long organizationId, String actor, long actorMemberId, String source) implements Serializable {

    /** A member's command, from a WebSocket connection or an HTTP request. */
    public static Origin of(MemberIdentity member, String source) {
        return new Origin(member.organizationId(), member.subject(), member.memberId(), source);
    }

    /** Quorum's own work for an organization; its messages have no sending member. */
    public static Origin quorum(long organizationId, String source) {
        return new Origin(organizationId, "quorum", 0, source);
    }
}
