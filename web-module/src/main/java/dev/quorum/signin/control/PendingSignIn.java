package dev.quorum.signin.control;

import java.io.Serializable;
import java.time.Instant;

/** A sign-in on its way through the provider: what the callback must find again (kept in the HTTP session). */
public record PendingSignIn(String state, String nonce, String codeVerifier, String next, Instant startedAt)
        implements Serializable {}
