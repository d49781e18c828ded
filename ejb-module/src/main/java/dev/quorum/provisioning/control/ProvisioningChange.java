package dev.quorum.provisioning.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** What an identity provider changed over SCIM: a member or a group created, changed, deactivated, deleted. */
public record ProvisioningChange(Origin origin, String action, String target, Map<String, Object> detail)
        implements AuditedEvent {}
