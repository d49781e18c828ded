package dev.quorum.compliance.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** A compliance officer changed a rule, or acknowledged or resolved a finding: always audited. */
public record ComplianceAction(Origin origin, String action, String target, Map<String, Object> detail)
        implements AuditedEvent {}
