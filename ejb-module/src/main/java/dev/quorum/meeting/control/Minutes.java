package dev.quorum.meeting.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.meeting.control.Motions.OptionCount;
import dev.quorum.meeting.control.Motions.RollCall;
import dev.quorum.meeting.control.Motions.Tally;
import dev.quorum.meeting.entity.QuorumRule;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The decision minute of a closed motion: its text and its JSON record, written once in the close's
 * transaction. SQL for the record, which is JSONB (EclipseLink would bind it as varchar).
 */
@Stateless
@DatabaseGuarded
public class Minutes {

    private static final DateTimeFormatter MINUTE_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    MotionQueries queries;

    @EJB
    Tallies tallies;

    public String minute(MemberIdentity actor, long motionId) {
        MotionView motion = queries.motion(actor, motionId);
        @SuppressWarnings("unchecked")
        List<String> text = em.createNativeQuery("SELECT text FROM decision_minute WHERE motion_id = ?1")
                .setParameter(1, motion.id())
                .getResultList();
        if (text.isEmpty()) {
            throw new QuorumException(QuorumError.MOTION_STATE, "The motion has no decision minute until it closes.");
        }
        return text.get(0);
    }

    /** Writes the decision minute of a motion that just closed (a trigger locks it against any change). */
    public String write(
            MeetingRef meeting, MotionView motion, Tally tally, QuorumRule.Status quorum, Threshold.Decision decision) {
        StringBuilder text = new StringBuilder();
        text.append("Decision minute — ").append(meeting.title()).append('\n');
        text.append("Motion ")
                .append(motion.id())
                .append(": ")
                .append(motion.title())
                .append('\n');
        text.append("Proposed by ").append(displayName(meeting, motion.proposer()));
        text.append(", seconded by ")
                .append(displayName(meeting, motion.seconder()))
                .append(".\n");
        text.append("Vote: ")
                .append(motion.secret() ? "secret ballot" : "named ballot")
                .append(", opened ")
                .append(MINUTE_TIME.format(motion.openedAt()))
                .append(", closed ")
                .append(MINUTE_TIME.format(motion.closedAt()))
                .append(" by ")
                .append(motion.closedBy())
                .append(".\n");
        text.append("Threshold: ")
                .append(motion.threshold().replace('_', ' '))
                .append(motion.abstentionsCount() ? ", abstentions counted" : ", abstentions not counted")
                .append(".\n");
        text.append("Quorum at close: ")
                .append(quorum.present().toPlainString())
                .append(" present of ")
                .append(quorum.required().toPlainString())
                .append(" required (")
                .append(quorum.unit())
                .append(").\n");
        text.append("Result:");
        JsonArrayBuilder results = JSON.createArrayBuilder();
        for (OptionCount count : tally.results()) {
            text.append(' ').append(count.option()).append(' ').append(count.votes());
            if (meeting.isMemberMeeting()) {
                text.append(" (weight ").append(count.weight().toPlainString()).append(')');
            }
            text.append(';');
            results.add(JSON.createObjectBuilder()
                    .add("option", count.option())
                    .add("votes", count.votes())
                    .add("weight", count.weight()));
        }
        text.append(" ")
                .append(tally.votesCast())
                .append(" of ")
                .append(tally.eligible())
                .append(" eligible voted.\n");
        JsonArrayBuilder roll = JSON.createArrayBuilder();
        List<RollCall> rollCall = tallies.rollCall(motion);
        if (!rollCall.isEmpty()) {
            text.append("Roll call:");
            for (RollCall entry : rollCall) {
                text.append(' ').append(entry.displayName()).append(' ').append(entry.choice());
                if (!"in_person".equals(entry.via())) {
                    text.append(" (")
                            .append(entry.via())
                            .append(", entered by ")
                            .append(entry.castBy())
                            .append(')');
                }
                text.append(';');
                roll.add(JSON.createObjectBuilder()
                        .add("member", entry.member())
                        .add("choice", entry.choice())
                        .add("via", entry.via())
                        .add("castBy", entry.castBy()));
            }
            text.append('\n');
        }
        String outcome =
                switch (motion.outcome()) {
                    case "carried" ->
                        Threshold.DEFAULT_OPTIONS.equals(motion.options())
                                ? "CARRIED"
                                : "CARRIED: " + decision.leading();
                    case "no_quorum" -> "NOT DECIDED: the meeting was not quorate at the close";
                    default -> "FAILED";
                };
        text.append("Outcome: ").append(outcome).append('.');
        JsonObjectBuilder record = JSON.createObjectBuilder()
                .add("meeting", meeting.id())
                .add("motion", motion.id())
                .add("title", motion.title())
                .add("proposer", motion.proposer())
                .add("seconder", motion.seconder())
                .add("ballot", motion.ballot())
                .add("openedAt", motion.openedAt().toString())
                .add("closedAt", motion.closedAt().toString())
                .add("closedBy", motion.closedBy())
                .add("threshold", motion.threshold())
                .add("abstentionsCount", motion.abstentionsCount())
                .add("quorumPresent", quorum.present())
                .add("quorumRequired", quorum.required())
                .add("results", results)
                .add("rollCall", roll)
                .add("outcome", motion.outcome());
        em.createNativeQuery("INSERT INTO decision_minute (motion_id, text, record) VALUES (?1, ?2, CAST(?3 AS JSONB))")
                .setParameter(1, motion.id())
                .setParameter(2, text.toString())
                .setParameter(3, record.build().toString())
                .executeUpdate();
        return text.toString();
    }

    private String displayName(MeetingRef meeting, String subject) {
        return (String)
                em.createNativeQuery("SELECT display_name FROM member WHERE organization_id = ?1 AND subject = ?2")
                        .setParameter(1, meeting.organizationId())
                        .setParameter(2, subject)
                        .getSingleResult();
    }
}
