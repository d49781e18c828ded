package dev.quorum.routing.control;

/** The answer to a publish: the message's sequence, and whether it was a retry of one already accepted. */
public record PublishResult(StoredMessage message, boolean duplicate) {}
