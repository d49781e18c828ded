package dev.quorum.integration.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.transcript.control.Transcripts;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads over request/reply ({@code quorum.requests}, the answer on the request's JMSReplyTo with its
 * correlation id): {@code {"schema":1,"type":"meeting.transcript","meeting":7,"limit":200}} answers the
 * meeting's latest segments. Every answer is {@code {"schema":1,"ok":true,…}} or {@code {"ok":false,"code",
 * "message"}}: a request never goes unanswered because it was wrong.
 */
@Stateless
@DatabaseGuarded
public class IntegrationReads {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    Integrations integrations;

    @EJB
    Meetings meetings;

    @EJB
    Transcripts transcripts;

    public String answer(String sender, String body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("schema", InboundMessages.SCHEMA);
        try {
            Integration integration = integrations
                    .byUsername(sender == null ? "" : sender)
                    .filter(Integration::active)
                    .orElseThrow(() -> new InboundRefused("The sender is not an active integration."));
            JsonObject request;
            try (JsonReader reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
                request = reader.readObject();
            } catch (RuntimeException e) {
                throw new InboundRefused("The request is not a JSON object.");
            }
            Fields fields = Fields.of(request);
            if (!"meeting.transcript".equals(request.getString("type", ""))) {
                throw new InboundRefused("type is meeting.transcript.");
            }
            MeetingRef meeting = meetings.byId(fields.id("meeting"), false);
            if (meeting == null || meeting.organizationId() != integration.organizationId()) {
                throw new InboundRefused("No such meeting in organization '" + integration.organization() + "'.");
            }
            Long limit = fields.optionalCount("limit");
            answer.put("ok", true);
            answer.put("meeting", meeting.id());
            answer.put(
                    "segments", transcripts.latest(meeting, null, (int) Math.min(1_000, limit == null ? 200 : limit)));
        } catch (InboundRefused | QuorumException e) {
            answer.put("ok", false);
            answer.put(
                    "code", e instanceof QuorumException quorum ? quorum.error().name() : "REFUSED");
            answer.put("message", e.getMessage());
        }
        return JSONB.toJson(answer);
    }
}
