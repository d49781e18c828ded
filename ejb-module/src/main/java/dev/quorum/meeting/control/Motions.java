package dev.quorum.meeting.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.entity.QuorumRule;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The life of a motion: proposed, seconded, opened by the meeting's chair with quorum present, closed by
 * the chair or at its deadline. Every step takes the motion's row lock first, as votes do ({@link Ballots}),
 * so a vote never lands after the close. Tallies are {@link Tallies}', the decision minute {@link Minutes}'.
 *
 * SQL rather than JPQL here, for now: options are JSONB (EclipseLink binds strings as varchar), deadlines
 * and times come from the database's clock, and the electorate is fixed with one INSERT ... SELECT.
 */
@Stateless
@DatabaseGuarded
public class Motions {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @EJB
    MotionQueries queries;

    @EJB
    Ballots ballots;

    @EJB
    Tallies tallies;

    @EJB
    Minutes minutes;

    public record NewMotion(
            String title,
            String body,
            Long agendaItem,
            List<String> options,
            String threshold,
            Boolean abstentionsCount,
            String ballot,
            Boolean runningResults,
            Integer votingSeconds) {}

    public record MotionView(
            long id,
            long meeting,
            Long agendaItem,
            String title,
            String body,
            List<String> options,
            String threshold,
            boolean abstentionsCount,
            String ballot,
            boolean runningResults,
            String status,
            String proposer,
            String proposerName,
            String seconder,
            String seconderName,
            Integer votingSeconds,
            Instant deadline,
            Instant openedAt,
            Instant closedAt,
            String closedBy,
            String outcome) {
        public boolean secret() {
            return "secret".equals(ballot);
        }

        /** Not yet voted on, and still on the floor (not withdrawn, tabled or lapsed). */
        public boolean pending() {
            return "proposed".equals(status) || "seconded".equals(status);
        }
    }

    public record OptionCount(String option, BigDecimal weight, long votes) {}

    /** Counts per option; results is null when the motion hides running results and is still open. */
    public record Tally(long motion, long version, long votesCast, long eligible, List<OptionCount> results) {}

    public record VoteResult(
            MeetingRef meeting,
            MotionView motion,
            Tally tally,
            long voterId,
            String voter,
            String castBy,
            String via,
            String choice,
            String receipt,
            String changedFrom,
            Instant castAt) {}

    public record RollCall(String member, String displayName, String choice, String via, String castBy) {}

    public record Closed(MeetingRef meeting, MotionView motion, Tally tally, QuorumRule.Status quorum, String minute) {}

    public record Changed(MeetingRef meeting, MotionView motion, Tally tally) {}

    // ---- lifecycle ---------------------------------------------------------------------------------------

    public Changed propose(MemberIdentity actor, long meetingId, NewMotion request) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        requireOnTheFloor(actor, meeting);
        if (request == null
                || request.title() == null
                || request.title().isBlank()
                || request.title().length() > 500) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A motion needs a title of 1 to 500 characters.");
        }
        List<String> options = request.options() == null || request.options().isEmpty()
                ? Threshold.DEFAULT_OPTIONS
                : request.options();
        if (options.size() < 2
                || options.size() > 20
                || new HashSet<>(options).size() != options.size()
                || options.stream().anyMatch(o -> o == null || o.isBlank() || o.length() > 200)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "2 to 20 distinct options of 1 to 200 characters.");
        }
        Threshold threshold;
        try {
            threshold = request.threshold() == null ? Threshold.MAJORITY : Threshold.fromWire(request.threshold());
        } catch (IllegalArgumentException e) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "threshold is majority, two_thirds or unanimous.");
        }
        String ballot = request.ballot() == null ? "named" : request.ballot();
        if (!List.of("named", "secret").contains(ballot)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "ballot is named or secret.");
        }
        if ("secret".equals(ballot) && !meeting.isMemberMeeting()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "Secret ballots are for member meetings; a board votes by name.");
        }
        if (request.votingSeconds() != null && (request.votingSeconds() < 1 || request.votingSeconds() > 604_800)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "votingSeconds is between 1 and 604800.");
        }
        if (request.agendaItem() != null) {
            Meetings.AgendaItem item = meetings.agenda(meeting.id()).stream()
                    .filter(candidate -> candidate.id() == request.agendaItem())
                    .findFirst()
                    .orElseThrow(() ->
                            new QuorumException(QuorumError.INVALID_MESSAGE, "No such agenda item in this meeting."));
            if (item.closedAt() != null) {
                throw new QuorumException(
                        QuorumError.MEETING_STATE, "The agenda item '" + item.title() + "' is closed.");
            }
        }
        JsonArrayBuilder optionsJson = JSON.createArrayBuilder();
        options.forEach(optionsJson::add);
        long id = ((Number) em.createNativeQuery(
                                "INSERT INTO motion (meeting_id, agenda_item_id, title, body, options, "
                                        + "threshold, abstentions_count, ballot, running_results, proposer_id, voting_seconds) "
                                        + "VALUES (?1, NULLIF(?2, -1), ?3, ?4, CAST(?5 AS JSONB), ?6, ?7, ?8, ?9, ?10, NULLIF(?11, -1)) "
                                        + "RETURNING id")
                        .setParameter(1, meeting.id())
                        .setParameter(2, request.agendaItem() == null ? -1L : request.agendaItem())
                        .setParameter(3, request.title())
                        .setParameter(4, request.body() == null ? "" : request.body())
                        .setParameter(5, optionsJson.build().toString())
                        .setParameter(6, threshold.wireName())
                        .setParameter(7, Boolean.TRUE.equals(request.abstentionsCount()))
                        .setParameter(8, ballot)
                        // a secret ballot never shows running results: a tally that moves as one voter votes tells
                        // what that voter chose
                        .setParameter(9, "named".equals(ballot) && !Boolean.FALSE.equals(request.runningResults()))
                        .setParameter(10, actor.memberId())
                        .setParameter(11, request.votingSeconds() == null ? -1 : request.votingSeconds())
                        .getSingleResult())
                .longValue();
        return changed(meeting, id);
    }

    public Changed second(MemberIdentity actor, long motionId) {
        MotionView motion = queries.locked(actor, motionId);
        MeetingRef meeting = meetings.meeting(actor, motion.meeting());
        requireOnTheFloor(actor, meeting);
        if (!"proposed".equals(motion.status())) {
            throw new QuorumException(QuorumError.MOTION_STATE, "Only a proposed motion can be seconded.");
        }
        if (motion.proposer().equals(actor.subject())) {
            throw new QuorumException(QuorumError.MOTION_STATE, "The proposer cannot second their own motion.");
        }
        em.createNativeQuery("UPDATE motion SET status = 'seconded', seconder_id = ?1 WHERE id = ?2")
                .setParameter(1, actor.memberId())
                .setParameter(2, motionId)
                .executeUpdate();
        return changed(meeting, motionId);
    }

    /** Opens the vote: chair only, seconded motions only, with quorum present. Voters and proxies are fixed now. */
    public Changed open(MemberIdentity actor, long motionId) {
        MotionView motion = queries.locked(actor, motionId);
        meetings.requireChair(actor, motion.meeting());
        if (!"seconded".equals(motion.status())) {
            throw new QuorumException(QuorumError.MOTION_STATE, "Only a seconded motion can be opened.");
        }
        MeetingRef meeting = meetings.byId(motion.meeting(), true);
        if (!meeting.isInSession()) {
            throw new QuorumException(
                    QuorumError.MEETING_STATE,
                    meeting.isAdjourned()
                            ? "The meeting has been adjourned."
                            : "The chair opens the meeting before its first vote.");
        }
        QuorumRule.Status quorum = meetings.quorum(meeting);
        if (!quorum.met()) {
            throw new QuorumException(
                    QuorumError.QUORUM_NOT_PRESENT,
                    "The meeting is not quorate: " + quorum.present().toPlainString() + " present of "
                            + quorum.required().toPlainString() + " required (" + quorum.unit() + ").");
        }
        // a proxy for this very motion wins over a meeting-wide one
        em.createNativeQuery("INSERT INTO motion_voter (motion_id, member_id, weight, proxy_holder_id, proxy_choice) "
                        + "SELECT ?1, p.member_id, p.weight, x.holder_id, x.choice FROM meeting_participant p "
                        + "LEFT JOIN LATERAL (SELECT holder_id, choice FROM proxy x WHERE x.meeting_id = p.meeting_id "
                        + "AND x.delegator_id = p.member_id AND x.revoked_at IS NULL AND (x.motion_id = ?1 OR x.motion_id IS NULL) "
                        + "ORDER BY x.motion_id NULLS LAST LIMIT 1) x ON TRUE WHERE p.meeting_id = ?2")
                .setParameter(1, motionId)
                .setParameter(2, meeting.id())
                .executeUpdate();
        // the salt links ballots to voters while the motion is open: it is stored sealed
        em.createNativeQuery("UPDATE motion SET status = 'open', opened_at = now(), deadline = now() + "
                        + "make_interval(secs => voting_seconds), ballot_salt = CASE WHEN ballot = 'secret' THEN ?1 END "
                        + "WHERE id = ?2")
                .setParameter(1, ballots.sealedSalt(actor.organizationId(), motionId, Ballots.randomCode(24)))
                .setParameter(2, motionId)
                .executeUpdate();
        // directed proxies vote as the delegator instructed, as the vote opens
        ballots.castDirectedProxies(queries.view(motionId));
        return changed(meeting, motionId);
    }

    /** Closes the vote by the chair. */
    public Closed close(MemberIdentity actor, long motionId) {
        MotionView motion = queries.locked(actor, motionId);
        meetings.requireChair(actor, motion.meeting());
        return closeLocked(motion, "chair " + actor.displayName());
    }

    /** Its proposer or the chair takes a motion back before its vote opens. */
    public Changed withdraw(MemberIdentity actor, long motionId) {
        MotionView motion = queries.locked(actor, motionId);
        MeetingRef meeting = meetings.meeting(actor, motion.meeting());
        boolean proposer = motion.proposer().equals(actor.subject());
        if (!proposer) {
            meetings.requireChair(actor, meeting.id());
        }
        if (!motion.pending() && !"tabled".equals(motion.status())) {
            throw new QuorumException(
                    QuorumError.MOTION_STATE, "Only a motion whose vote has not opened can be withdrawn.");
        }
        setAside(motionId, "withdrawn", (proposer ? "proposer " : "chair ") + actor.displayName());
        return changed(meeting, motionId);
    }

    /** The chair lays a motion on the table: off the floor until taken up again. */
    public Changed table(MemberIdentity actor, long motionId) {
        MotionView motion = queries.locked(actor, motionId);
        meetings.requireChair(actor, motion.meeting());
        if (!motion.pending()) {
            throw new QuorumException(
                    QuorumError.MOTION_STATE, "Only a motion whose vote has not opened can be tabled.");
        }
        setAside(motionId, "tabled", "chair " + actor.displayName());
        return changed(meetings.byId(motion.meeting(), false), motionId);
    }

    /** The chair takes a tabled motion up again, seconded or not as it was. */
    public Changed resume(MemberIdentity actor, long motionId) {
        MotionView motion = queries.locked(actor, motionId);
        meetings.requireChair(actor, motion.meeting());
        MeetingRef meeting = meetings.byId(motion.meeting(), false);
        if (!"tabled".equals(motion.status())) {
            throw new QuorumException(QuorumError.MOTION_STATE, "Only a tabled motion can be taken up again.");
        }
        if (meeting.isAdjourned()) {
            throw new QuorumException(QuorumError.MEETING_STATE, "The meeting has been adjourned.");
        }
        em.createNativeQuery("UPDATE motion SET status = CASE WHEN seconder_id IS NULL THEN 'proposed' ELSE "
                        + "'seconded' END, closed_at = NULL, closed_by = NULL WHERE id = ?1")
                .setParameter(1, motionId)
                .executeUpdate();
        return changed(meeting, motionId);
    }

    /** The chair gives a timed vote more time: its deadline moves by the seconds given. */
    public Changed extend(MemberIdentity actor, long motionId, int seconds) {
        MotionView motion = queries.locked(actor, motionId);
        meetings.requireChair(actor, motion.meeting());
        if (!"open".equals(motion.status()) || motion.deadline() == null) {
            throw new QuorumException(QuorumError.MOTION_STATE, "Only an open vote with a time limit can be extended.");
        }
        if (seconds < 1 || seconds > 86_400) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "Extend by 1 second to 24 hours (86400 seconds).");
        }
        int extended = em.createNativeQuery("UPDATE motion SET deadline = deadline + make_interval(secs => ?1) "
                        + "WHERE id = ?2 AND deadline > now()")
                .setParameter(1, seconds)
                .setParameter(2, motionId)
                .executeUpdate();
        if (extended == 0) {
            throw new QuorumException(QuorumError.MOTION_STATE, "The time for this vote is up: it is closing.");
        }
        return changed(meetings.byId(motion.meeting(), false), motionId);
    }

    /**
     * The meeting adjourns: motions still on the floor lapse. Refused while a vote is open — the chair closes
     * it first, so that no vote is left undecided. Answers the lapsed motions.
     */
    public List<MotionView> lapseAtAdjournment(MeetingRef meeting) {
        @SuppressWarnings("unchecked")
        List<String> open = em.createNativeQuery(
                        "SELECT title FROM motion WHERE meeting_id = ?1 AND status = 'open' ORDER BY id")
                .setParameter(1, meeting.id())
                .getResultList();
        if (!open.isEmpty()) {
            throw new QuorumException(
                    QuorumError.MEETING_STATE, "Close the open vote first: " + String.join("; ", open) + ".");
        }
        @SuppressWarnings("unchecked")
        List<Number> lapsed = em.createNativeQuery("UPDATE motion SET status = 'lapsed', closed_at = now(), "
                        + "closed_by = 'adjournment' WHERE meeting_id = ?1 AND status IN ('proposed', 'seconded') "
                        + "RETURNING id")
                .setParameter(1, meeting.id())
                .getResultList();
        return lapsed.stream().map(id -> queries.view(id.longValue())).toList();
    }

    private void setAside(long motionId, String status, String by) {
        em.createNativeQuery("UPDATE motion SET status = ?1, closed_at = now(), closed_by = ?2 WHERE id = ?3")
                .setParameter(1, status)
                .setParameter(2, by)
                .setParameter(3, motionId)
                .executeUpdate();
    }

    /** Open motions whose deadline has passed, soonest first (unlocked: each close takes its own lock). */
    public List<Long> overdue(int limit) {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery(
                        "SELECT id FROM motion WHERE status = 'open' AND deadline <= now() ORDER BY deadline LIMIT ?1")
                .setParameter(1, limit)
                .getResultList();
        return due.stream().map(Number::longValue).toList();
    }

    /**
     * Closes the motion at its deadline if it is still open and overdue; null when it is not, or another
     * node holds its lock (SKIP LOCKED: each overdue motion is closed by exactly one node).
     */
    public Closed closeOverdue(long motionId) {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("SELECT id FROM motion WHERE id = ?1 AND status = 'open' "
                        + "AND deadline <= now() FOR UPDATE SKIP LOCKED")
                .setParameter(1, motionId)
                .getResultList();
        if (due.isEmpty()) {
            return null;
        }
        return closeLocked(queries.view(motionId), "deadline");
    }

    private Closed closeLocked(MotionView motion, String closedBy) {
        if (!"open".equals(motion.status())) {
            throw new QuorumException(QuorumError.MOTION_STATE, "Only an open motion can be closed.");
        }
        MeetingRef meeting = meetings.byId(motion.meeting(), true);
        QuorumRule.Status quorum = meetings.quorum(meeting);
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        Tally counted = tallies.recount(motion, true);
        Tally tally = new Tally(
                motion.id(), tallies.version(motion.id()), counted.votesCast(), counted.eligible(), counted.results());
        tally.results().forEach(count -> weights.put(count.option(), count.weight()));
        Threshold.Decision decision =
                Threshold.fromWire(motion.threshold()).decide(motion.options(), weights, motion.abstentionsCount());
        String outcome = !quorum.met() ? "no_quorum" : decision.carried() ? "carried" : "failed";
        em.createNativeQuery("UPDATE motion SET status = 'closed', closed_at = now(), closed_by = ?1, outcome = ?2, "
                        + "ballot_salt = NULL WHERE id = ?3")
                .setParameter(1, closedBy)
                .setParameter(2, outcome)
                .setParameter(3, motion.id())
                .executeUpdate();
        if (motion.secret()) {
            // from now on nothing links a ballot to its voter
            em.createNativeQuery("UPDATE secret_ballot SET ballot_key = NULL WHERE motion_id = ?1")
                    .setParameter(1, motion.id())
                    .executeUpdate();
        }
        MotionView closed = queries.view(motion.id());
        String minute = minutes.write(meeting, closed, tally, quorum, decision);
        return new Closed(meeting, closed, tally, quorum, minute);
    }

    private Changed changed(MeetingRef meeting, long motionId) {
        MotionView motion = queries.view(motionId);
        return new Changed(meeting, motion, tallies.tally(motion));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Proposing and seconding: a participant who has checked in, in a meeting not yet adjourned. */
    private void requireOnTheFloor(MemberIdentity actor, MeetingRef meeting) {
        if (meeting.isAdjourned()) {
            throw new QuorumException(QuorumError.MEETING_STATE, "The meeting has been adjourned.");
        }
        Meetings.Participant participant = meetings.participant(meeting.id(), actor.memberId());
        if (participant == null) {
            throw new QuorumException(QuorumError.NOT_A_PARTICIPANT);
        }
        if (!participant.present()) {
            throw new QuorumException(
                    QuorumError.NOT_CHECKED_IN, "Check in to the meeting before you propose or second.");
        }
    }
}
