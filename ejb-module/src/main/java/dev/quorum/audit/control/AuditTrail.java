package dev.quorum.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** Writes every audited domain event to the audit trail, in the transaction of the change itself. */
@ApplicationScoped
public class AuditTrail {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    AuditLog log;

    void record(@Observes AuditedEvent event) {
        log.record(
                event.origin().organizationId(),
                event.origin().actor(),
                event.action(),
                event.target(),
                event.detail().isEmpty() ? null : JSONB.toJson(event.detail()),
                event.origin().source());
    }
}
