package dev.quorum.routing.control;

/** An organization was suspended or deleted: every connection of it is closed on every node once this commits. */
public record OrganizationClosed(long organizationId) {}
