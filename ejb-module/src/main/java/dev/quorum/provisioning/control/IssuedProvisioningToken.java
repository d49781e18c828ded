package dev.quorum.provisioning.control;

import java.time.Instant;

/** A provisioning token as issued: the only time its secret is seen. */
public record IssuedProvisioningToken(long id, String organization, String label, String secret, Instant createdAt) {}
