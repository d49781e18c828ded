package dev.quorum.encryption.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** An admin rotated the organization's key, or marked a room confidential: always audited. */
public record EncryptionAction(Origin origin, String action, String target, Map<String, Object> detail)
        implements AuditedEvent {}
