package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.entity.QuorumRule;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An organization's defaults for new meetings of each kind: the quorum rule and the standing agenda items
 * (apologies, minutes of the last meeting …) a meeting starts with when its organizer leaves them out.
 * Administrators set them; without any, a majority of the seats and no agenda.
 */
@Stateless
@DatabaseGuarded
public class MeetingDefaults {

    static final List<String> KINDS = List.of("board", "member");
    static final int MAX_AGENDA_ITEMS = 50;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Event<MeetingDefaultsChanged> changes;

    /** The defaults of one kind of meeting. */
    public record Defaults(String kind, String quorumRule, BigDecimal quorumValue, List<String> agenda) {

        static Defaults builtIn(String kind) {
            return new Defaults(kind, QuorumRule.MAJORITY_OF_SEATS.wireName(), BigDecimal.ZERO, List.of());
        }

        /** The body of {@code PUT /api/admin/meeting-defaults/{kind}}, validated as a meeting's own fields are. */
        public static Defaults decode(String kind, Fields fields) {
            if (!KINDS.contains(kind)) {
                throw new QuorumException(QuorumError.NOT_FOUND, "Meetings are of kind board or member.");
            }
            String rule = fields.text("quorumRule", 40);
            BigDecimal value = Meetings.validQuorum(rule, fields.optionalDecimal("quorumValue"));
            List<String> agenda = fields.optionalStrings("agenda", 500);
            if (agenda != null && agenda.size() > MAX_AGENDA_ITEMS) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE, "At most " + MAX_AGENDA_ITEMS + " standing agenda items.");
            }
            return new Defaults(kind, rule, value, agenda == null ? List.of() : agenda);
        }
    }

    /** Audited: who changed an organization's meeting defaults, and to what. */
    public record MeetingDefaultsChanged(Origin origin, Defaults defaults) implements AuditedEvent {
        @Override
        public String action() {
            return "meeting.defaults.changed";
        }

        @Override
        public String target() {
            return "meeting-defaults:" + defaults.kind();
        }

        @Override
        public Map<String, Object> detail() {
            return Map.of(
                    "quorumRule", defaults.quorumRule(),
                    "quorumValue", defaults.quorumValue(),
                    "agendaItems", defaults.agenda().size());
        }
    }

    public List<Defaults> all(MemberIdentity admin) {
        requireAdmin(admin);
        return everyKind(admin.organizationId());
    }

    /** The same, for those who schedule meetings (secretaries and chairs) as well as admins. */
    public List<Defaults> forOrganizer(MemberIdentity actor) {
        if (actor.roles().stream().noneMatch(Meetings.ORGANIZERS::contains) && !actor.hasRole("admin")) {
            throw new QuorumException(
                    QuorumError.FORBIDDEN, "Only secretaries, chairs and admins see meeting defaults.");
        }
        return everyKind(actor.organizationId());
    }

    private List<Defaults> everyKind(long organizationId) {
        return KINDS.stream().map(kind -> of(organizationId, kind)).toList();
    }

    /** The organization's defaults for this kind of meeting, else Quorum's. */
    public Defaults of(long organizationId, String kind) {
        List<?> rows = em.createNativeQuery("SELECT quorum_rule, quorum_value, agenda::text FROM meeting_defaults "
                        + "WHERE organization_id = ?1 AND kind = ?2")
                .setParameter(1, organizationId)
                .setParameter(2, kind)
                .getResultList();
        if (rows.isEmpty()) {
            return Defaults.builtIn(kind);
        }
        Object[] row = (Object[]) rows.get(0);
        return new Defaults(kind, (String) row[0], (BigDecimal) row[1], agendaOf((String) row[2]));
    }

    public Defaults update(MemberIdentity admin, Defaults defaults, String source) {
        requireAdmin(admin);
        JsonArrayBuilder agenda = Json.createArrayBuilder();
        defaults.agenda().forEach(agenda::add);
        em.createNativeQuery("INSERT INTO meeting_defaults (organization_id, kind, quorum_rule, quorum_value, agenda) "
                        + "VALUES (?1, ?2, ?3, ?4, CAST(?5 AS JSONB)) ON CONFLICT (organization_id, kind) DO UPDATE "
                        + "SET quorum_rule = EXCLUDED.quorum_rule, quorum_value = EXCLUDED.quorum_value, "
                        + "agenda = EXCLUDED.agenda, updated_at = now()")
                .setParameter(1, admin.organizationId())
                .setParameter(2, defaults.kind())
                .setParameter(3, defaults.quorumRule())
                .setParameter(4, defaults.quorumValue())
                .setParameter(5, agenda.build().toString())
                .executeUpdate();
        changes.fire(new MeetingDefaultsChanged(Origin.of(admin, source), defaults));
        return of(admin.organizationId(), defaults.kind());
    }

    private static void requireAdmin(MemberIdentity actor) {
        if (!actor.hasRole("admin")) {
            throw new QuorumException(QuorumError.FORBIDDEN);
        }
    }

    private static List<String> agendaOf(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
    }
}
