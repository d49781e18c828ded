package dev.quorum.routing.control;

/** An administrator ended every session of a member: closed on every node once this commits. */
public record MemberDisconnected(long organizationId, String member) {}
