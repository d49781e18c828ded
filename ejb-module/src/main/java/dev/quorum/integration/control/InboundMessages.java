package dev.quorum.integration.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.admin.control.AdminAction;
import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import dev.quorum.transcript.control.NewSegment;
import dev.quorum.transcript.control.Transcripts;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What integrations send ({@code schema} 1, JSON): transcript segments for a meeting, and notifications posted
 * into a room. The sender is the integration the broker authenticated (JMSXUserID), which fixes the
 * organization: a message that names another organization, a meeting or room of another one, or that does not
 * fit, is refused with a reason.
 */
@Stateless
@DatabaseGuarded
public class InboundMessages {

    public static final int SCHEMA = 1;
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");
    private static final Jsonb JSONB = JsonbBuilder.create();

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Integrations integrations;

    @EJB
    Transcripts transcripts;

    @Inject
    MessageLog log;

    @Inject
    Event<ContentSubmitted> contents;

    @Inject
    Event<AdminAction> actions;

    /**
     * A segment of an external speech-to-text system: {@code {schema, organization?, meeting, id, text, speaker?,
     * …}}. In a transaction of its own: a refusal rolls back only this, and the consumer dead-letters the message
     * in its own.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long transcript(String sender, String body) {
        Integration integration = sender(sender);
        Fields fields = fields(body, integration);
        try {
            return transcripts
                    .fromIntegration(
                            integration.organizationId(),
                            integration.name(),
                            fields.id("meeting"),
                            NewSegment.decode(fields))
                    .segment()
                    .id();
        } catch (QuorumException e) {
            throw new InboundRefused(e.getMessage());
        }
    }

    /**
     * A notification posted into a room of the organization as the named integration:
     * {@code {schema, organization?, id, room, text, title?, priority? (low, normal, high)}}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long notification(String sender, String body) {
        Integration integration = sender(sender);
        Fields fields = fields(body, integration);
        try {
            String id = fields.text("id", 100);
            long room = fields.id("room");
            String text = fields.text("text", 4_000);
            String title = fields.optionalText("title", 200);
            String priority = fields.optionalText("priority", 10);
            if (priority != null && !PRIORITIES.contains(priority)) {
                throw new InboundRefused("priority is low, normal or high.");
            }
            List<?> owner = em.createNativeQuery("SELECT organization_id FROM room WHERE id = ?1")
                    .setParameter(1, room)
                    .getResultList();
            if (owner.isEmpty() || ((Number) owner.get(0)).longValue() != integration.organizationId()) {
                throw new InboundRefused("No room " + room + " in organization '" + integration.organization() + "'.");
            }
            Origin origin = Origin.quorum(integration.organizationId(), "integration:" + integration.name());
            ContentSubmitted content = new ContentSubmitted(origin, "integration", room, null, text);
            contents.fire(content);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("integration", integration.name());
            if (title != null) {
                data.put("title", title);
            }
            data.put("text", content.text());
            return log.append(
                            room,
                            0,
                            "integration:" + integration.name() + ":" + id,
                            Priority.fromWire(priority == null ? "normal" : priority)
                                    .orElseThrow(),
                            "integration.notification",
                            JSONB.toJson(data))
                    .message()
                    .sequence();
        } catch (QuorumException e) {
            throw new InboundRefused(e.getMessage());
        }
    }

    /** Audits a refusal, in a transaction of its own (the message's rolls back). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(String sender, String destination, String reason) {
        integrations
                .byUsername(sender == null ? "" : sender)
                .ifPresent(integration -> actions.fire(new AdminAction(
                        Origin.quorum(integration.organizationId(), "integration:" + integration.name()),
                        "integration.message.refused",
                        "integration:" + integration.username(),
                        Map.of(
                                "destination",
                                destination,
                                "reason",
                                reason.length() > 300 ? reason.substring(0, 300) : reason))));
    }

    private Integration sender(String sender) {
        Integration integration =
                sender == null ? null : integrations.byUsername(sender).orElse(null);
        if (integration == null || !integration.active()) {
            throw new InboundRefused("The sender '" + sender + "' is not an active integration.");
        }
        return integration;
    }

    private static Fields fields(String body, Integration integration) {
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            throw new InboundRefused("The message is not a JSON object.");
        }
        if (json.getInt("schema", 0) != SCHEMA) {
            throw new InboundRefused("The message's schema is not " + SCHEMA + ".");
        }
        String organization = json.getString("organization", integration.organization());
        if (!organization.equals(integration.organization())) {
            throw new InboundRefused("Integration '" + integration.username() + "' may only send for organization '"
                    + integration.organization() + "', not '" + organization + "'.");
        }
        try {
            return Fields.of(json);
        } catch (QuorumException e) {
            throw new InboundRefused(e.getMessage());
        }
    }
}
