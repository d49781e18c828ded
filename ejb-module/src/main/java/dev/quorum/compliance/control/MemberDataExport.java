package dev.quorum.compliance.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.document.control.DocumentTexts;
import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.MessageLog;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Quorum keeps about one member, as JSON (GDPR right of access): profile and roles, rooms,
 * messages sent, meetings attended, named votes (never a secret ballot, which is not linked to its voter),
 * comments, documents edited, audit entries as actor, compliance findings on their content. Each export is
 * audited. PostgreSQL builds each section's JSON, so nothing is mapped by hand.
 */
@Stateless
@DatabaseGuarded
public class MemberDataExport {

    /** The most messages an export lists; more are counted, and exported by time range on request. */
    static final int MAX_MESSAGES = 10_000;

    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put(
                "rooms",
                "SELECT COALESCE(json_agg(json_build_object('room', r.id, 'name', r.name, 'kind', r.kind) "
                        + "ORDER BY r.id), '[]')::text FROM room_membership rm JOIN room r ON r.id = rm.room_id "
                        + "WHERE rm.member_id = ?1");
        SECTIONS.put(
                "messages",
                "SELECT COALESCE(json_agg(x ORDER BY x.id), '[]')::text FROM (SELECT m.id, "
                        + "m.room_id AS room, m.sequence AS seq, m.type, m.priority, m.created_at AS \"sentAt\", "
                        + "m.payload AS data, m.sealed IS NOT NULL AS sealed FROM message m WHERE m.sender_id = ?1 "
                        + "ORDER BY m.id DESC LIMIT "
                        + MAX_MESSAGES + ") x");
        SECTIONS.put(
                "meetings",
                "SELECT COALESCE(json_agg(json_build_object('meeting', mt.id, 'title', mt.title, "
                        + "'weight', p.weight, 'present', p.present, 'checkedInAt', p.checked_in_at, "
                        + "'checkedOutAt', p.checked_out_at) ORDER BY mt.id), '[]')::text FROM meeting_participant p "
                        + "JOIN meeting mt ON mt.id = p.meeting_id WHERE p.member_id = ?1");
        SECTIONS.put(
                "namedVotes",
                "SELECT COALESCE(json_agg(json_build_object('motion', mo.id, 'title', mo.title, "
                        + "'choice', v.choice, 'weight', v.weight, 'via', v.via, 'castAt', v.cast_at) ORDER BY v.cast_at), "
                        + "'[]')::text FROM vote v JOIN motion mo ON mo.id = v.motion_id WHERE v.voter_id = ?1");
        SECTIONS.put(
                "comments",
                "SELECT COALESCE(json_agg(json_build_object('comment', c.id, 'document', "
                        + "t.document_id, 'thread', t.id, 'body', c.body, 'createdAt', c.created_at, 'editedAt', "
                        + "c.edited_at) ORDER BY c.id), '[]')::text FROM comment c JOIN comment_thread t "
                        + "ON t.id = c.thread_id WHERE c.author_id = ?1");
        SECTIONS.put(
                "transcriptSegments",
                "SELECT COALESCE(json_agg(json_build_object('segment', s.id, 'meeting', s.meeting_id, "
                        + "'startedAt', s.started_at, 'endedAt', s.ended_at, 'text', s.text, 'source', s.source) "
                        + "ORDER BY s.id), '[]')::text FROM transcript_segment s WHERE s.speaker_member_id = ?1");
        SECTIONS.put(
                "documentsEdited",
                "SELECT COALESCE(json_agg(json_build_object('document', d.id, 'title', "
                        + "d.title, 'operations', x.operations) ORDER BY d.id), '[]')::text FROM (SELECT document_id, "
                        + "count(*) AS operations FROM document_operation WHERE author_id = ?1 GROUP BY document_id) x "
                        + "JOIN document d ON d.id = x.document_id");
        SECTIONS.put(
                "auditEntries",
                "SELECT COALESCE(json_agg(json_build_object('at', a.occurred_at, 'action', "
                        + "a.action, 'target', a.target, 'source', a.source_address) ORDER BY a.id), '[]')::text "
                        + "FROM audit_event a JOIN member m ON m.id = ?1 WHERE a.actor = m.subject "
                        + "AND a.organization_id = m.organization_id");
        SECTIONS.put(
                "complianceFindings",
                "SELECT COALESCE(json_agg(json_build_object('finding', f.id, "
                        + "'category', f.category, 'severity', f.severity, 'action', f.action, 'source', f.source, "
                        + "'excerpt', f.excerpt, 'status', f.status, 'at', f.created_at) ORDER BY f.id), '[]')::text "
                        + "FROM compliance_finding f WHERE f.actor_id = ?1");
    }

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Event<ComplianceAction> actions;

    @Inject
    MessageLog log;

    @Inject
    DocumentTexts texts;

    @Inject
    Sealing sealing;

    /** What is kept about the member of the requester's organization with this subject. */
    public JsonObject export(MemberIdentity requester, String subject, String source) {
        List<?> found = em.createNativeQuery("SELECT id FROM member WHERE organization_id = ?1 AND subject = ?2")
                .setParameter(1, requester.organizationId())
                .setParameter(2, subject)
                .getResultList();
        if (found.isEmpty()) {
            throw new QuorumException(QuorumError.NOT_FOUND, "No member with that id in your organization.");
        }
        long member = ((Number) found.get(0)).longValue();
        JsonObjectBuilder export = JSON.createObjectBuilder()
                .add("exportedAt", Instant.now().toString())
                .add("organization", requester.organization())
                .add(
                        "member",
                        section(
                                "SELECT json_build_object('subject', m.subject, 'displayName', "
                                        + "m.display_name, 'active', m.active, 'createdAt', m.created_at, 'roles', "
                                        + "(SELECT COALESCE(json_agg(role ORDER BY role), '[]') FROM member_role "
                                        + "WHERE member_id = m.id))::text FROM member m WHERE m.id = ?1",
                                member));
        SECTIONS.forEach((name, query) -> export.add(
                name,
                switch (name) {
                    case "messages" -> opened(section(query, member).asJsonArray());
                    case "transcriptSegments" ->
                        openedSegments(
                                requester.organizationId(),
                                section(query, member).asJsonArray());
                    case "comments" ->
                        openedComments(
                                requester.organizationId(),
                                section(query, member).asJsonArray());
                    default -> section(query, member);
                }));
        actions.fire(new ComplianceAction(
                Origin.of(requester, source), "compliance.member.export", "member:" + subject, Map.of()));
        return export.build();
    }

    /** Messages of confidential rooms are stored sealed: the export shows them opened. */
    private JsonArray opened(JsonArray messages) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (JsonObject message : messages.getValuesAs(JsonObject.class)) {
            if (!message.getBoolean("sealed", false)) {
                out.add(message);
                continue;
            }
            long room = message.getJsonNumber("room").longValue();
            long seq = message.getJsonNumber("seq").longValue();
            String payload = log.range(room, seq - 1, seq, 1).get(0).payloadJson();
            out.add(JSON.createObjectBuilder(message).add("data", JsonText.parse(payload, "export")));
        }
        return out.build();
    }

    /** What they said in confidential meetings is stored sealed: the export shows it opened. */
    private JsonArray openedSegments(long organization, JsonArray segments) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (JsonObject segment : segments.getValuesAs(JsonObject.class)) {
            String text = segment.getString("text");
            String opened = sealing.openText(
                    organization,
                    SealedPlaces.transcriptSegment(
                            segment.getJsonNumber("segment").longValue()),
                    text);
            out.add(
                    opened.equals(text)
                            ? segment
                            : JSON.createObjectBuilder(segment)
                                    .add("text", opened)
                                    .build());
        }
        return out.build();
    }

    /** Comments on confidential documents are stored sealed: the export shows them opened. */
    private JsonArray openedComments(long organization, JsonArray comments) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (JsonObject comment : comments.getValuesAs(JsonObject.class)) {
            String body = comment.getString("body");
            String opened = texts.openedText(
                    organization,
                    DocumentTexts.bodyOf(comment.getJsonNumber("comment").longValue()),
                    body);
            out.add(
                    opened.equals(body)
                            ? comment
                            : JSON.createObjectBuilder(comment)
                                    .add("body", opened)
                                    .build());
        }
        return out.build();
    }

    private jakarta.json.JsonValue section(String query, long member) {
        String json =
                (String) em.createNativeQuery(query).setParameter(1, member).getSingleResult();
        return JsonText.parse(json, "export");
    }
}
