package dev.quorum.identity.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** A member signed in through the identity provider, or signed out: kept in the audit trail. */
public record SessionChange(Origin origin, String action, String target, Map<String, Object> detail)
        implements AuditedEvent {}
