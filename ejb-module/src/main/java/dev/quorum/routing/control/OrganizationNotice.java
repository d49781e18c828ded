package dev.quorum.routing.control;

import java.time.Instant;

/** A notice for every open connection of an organization, delivered once it commits; {@code id} as kept. */
public record OrganizationNotice(
        long id,
        long organizationId,
        Priority priority,
        String text,
        String fromMember,
        String fromName,
        Instant sentAt) {}
