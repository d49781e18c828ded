package dev.quorum.audit.control;

import dev.quorum.platform.control.Origin;
import java.util.Map;

/**
 * A domain event that belongs in the audit trail. {@link AuditTrail} observes every one of them inside
 * the transaction that fired it, so a change and its audit record commit together or not at all.
 */
public interface AuditedEvent {

    Origin origin();

    /** What happened, as the audit trail names it (for example {@code vote.direct}). */
    String action();

    /** What it happened to (for example {@code motion:7}). */
    String target();

    /** Details worth keeping; never a secret ballot's choice. */
    default Map<String, Object> detail() {
        return Map.of();
    }
}
