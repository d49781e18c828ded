package dev.quorum.routing.control;

import java.time.Instant;

/** A notice for every open connection of an organization: not persisted, delivered once it commits. */
public record OrganizationNotice(
        long organizationId, Priority priority, String text, String fromMember, String fromName, Instant sentAt) {}
