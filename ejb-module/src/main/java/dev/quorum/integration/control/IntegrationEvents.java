package dev.quorum.integration.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.MotionClosed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain events for other systems, on the organization's topic {@code quorum.events.<organization>}
 * ({@code schema} 1), written to an outbox in the change's transaction and relayed after it committed: meetings, motions (a closed motion with its tally and decision minute), documents and
 * compliance. What they carry is what the audit trail records, which never holds a secret ballot's choice; no
 * vote event leaves at all, only a closed motion's totals.
 */
@ApplicationScoped
public class IntegrationEvents {

    public static final int SCHEMA = 1;
    private static final List<String> SHARED = List.of("meeting.", "motion.", "document.", "compliance.");
    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    EventOutbox outbox;

    @EJB
    EventRelay relay;

    /** Written with the change, in its transaction. */
    void changed(@Observes AuditedEvent event) {
        if (SHARED.stream().noneMatch(event.action()::startsWith)) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("schema", SCHEMA);
        message.put("type", event.action());
        message.put("target", event.target());
        message.put("actor", event.origin().actor());
        message.put("occurredAt", Instant.now().toString());
        Map<String, Object> data = new LinkedHashMap<>(event.detail());
        if (event instanceof MotionClosed closed) {
            data.put("motion", closed.closed().motion().id());
            data.put("meeting", closed.closed().meeting().id());
            data.put("title", closed.closed().motion().title());
            data.put("tally", closed.closed().tally());
            data.put("minute", closed.closed().minute());
        }
        message.put("data", data);
        outbox.record(event.origin().organizationId(), JSONB.toJson(message));
    }

    /** Once the change committed, its events are sent at once rather than at the next sweep. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditedEvent event) {
        if (SHARED.stream().anyMatch(event.action()::startsWith)) {
            relay.nudge();
        }
    }
}
