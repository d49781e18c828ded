package dev.quorum.admin.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** Something an administrator changed: a broadcast, a room, a membership, a disconnect. */
public record AdminAction(Origin origin, String action, String target, Map<String, Object> detail)
        implements AuditedEvent {}
