package dev.quorum.routing.control;

import java.io.Serializable;
import java.time.Instant;

/**
 * A message as persisted: its room's sequence number is its identity in delivery, replay and history.
 * Serializable because it crosses cluster nodes.
 */
public record StoredMessage(
        long room,
        long sequence,
        Priority priority,
        String type,
        String payloadJson,
        String senderId,
        String senderName,
        String clientMessageId,
        Instant createdAt)
        implements Serializable {}
