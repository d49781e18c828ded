package dev.quorum.routing.control;

/**
 * A message was appended to its room's log. Fired inside the appending transaction; delivery observes it
 * only after that transaction committed, so no socket and no other node ever sees a message that rolled
 * back. {@code receivedNanos} is when the command arrived, for the delivery latency.
 */
public record MessageCommitted(StoredMessage message, Audience audience, long receivedNanos) {}
