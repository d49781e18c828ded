package dev.quorum.identity.control;

import java.time.Instant;

/** A ticket as handed to the browser: the secret itself is shown once and stored only as a hash. */
public record IssuedTicket(String ticket, Instant expiresAt) {}
