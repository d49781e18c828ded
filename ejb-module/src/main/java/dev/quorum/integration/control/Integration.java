package dev.quorum.integration.control;

import java.time.Instant;

/** An integration as its admins see it; never its secret. */
public record Integration(
        long id,
        long organizationId,
        String organization,
        String name,
        String username,
        boolean active,
        Instant createdAt) {}
