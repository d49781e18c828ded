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
 * Committed domain events for other systems, on the organization's topic {@code quorum.events.<organization>}
 * ({@code schema} 1): meetings, motions (a closed motion with its tally and decision minute), documents and
 * compliance. What they carry is what the audit trail records, which never holds a secret ballot's choice; no
 * vote event leaves at all, only a closed motion's totals.
 */
@ApplicationScoped
public class IntegrationEvents {

    public static final int SCHEMA = 1;
    private static final List<String> SHARED = List.of("meeting.", "motion.", "document.", "compliance.");
    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    EventPublisher publisher;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditedEvent event) {
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
        publisher.publish(event.origin().organizationId(), JSONB.toJson(message));
    }
}
