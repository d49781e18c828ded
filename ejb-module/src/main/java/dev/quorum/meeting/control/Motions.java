package dev.quorum.meeting.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Motions and their votes. Every change of a motion, every vote and the close take the motion's row lock
 * first: votes of one motion are serialized (on whichever node they arrive), a vote never lands after
 * the close, and the tally each vote reports is a recount of the database inside the same transaction.
 */
@Stateless
public class Motions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter MINUTE_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

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
            String seconder,
            Integer votingSeconds,
            Instant deadline,
            Instant openedAt,
            Instant closedAt,
            String closedBy,
            String outcome) {
        public boolean secret() {
            return "secret".equals(ballot);
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
            String receipt) {}

    public record RollCall(String member, String displayName, String choice, String via, String castBy) {}

    public record Closed(MeetingRef meeting, MotionView motion, Tally tally, QuorumRule.Status quorum, String minute) {}

    public record Changed(MeetingRef meeting, MotionView motion, Tally tally) {}

    // ---- lifecycle ---------------------------------------------------------------------------------------

    public Changed propose(MemberIdentity actor, long meetingId, NewMotion request) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        requireTakingPart(actor, meeting);
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
        if (request.agendaItem() != null
                && meetings.agenda(meeting.id()).stream().noneMatch(item -> item.id() == request.agendaItem())) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "No such agenda item in this meeting.");
        }
        JsonArrayBuilder optionsJson = Json.createArrayBuilder();
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
        MotionView motion = lockedMotion(actor, motionId);
        MeetingRef meeting = meetings.meeting(actor, motion.meeting());
        requireTakingPart(actor, meeting);
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
        MotionView motion = lockedMotion(actor, motionId);
        requireChair(actor, motion.meeting());
        if (!"seconded".equals(motion.status())) {
            throw new QuorumException(QuorumError.MOTION_STATE, "Only a seconded motion can be opened.");
        }
        MeetingRef meeting = meetings.byId(motion.meeting(), true);
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
        em.createNativeQuery("UPDATE motion SET status = 'open', opened_at = now(), deadline = now() + "
                        + "make_interval(secs => voting_seconds), ballot_salt = CASE WHEN ballot = 'secret' THEN ?1 END "
                        + "WHERE id = ?2")
                .setParameter(1, randomCode(24))
                .setParameter(2, motionId)
                .executeUpdate();
        // directed proxies vote as the delegator instructed, as the vote opens
        @SuppressWarnings("unchecked")
        List<Object[]> directed = em.createNativeQuery("SELECT member_id, proxy_holder_id, proxy_choice, weight "
                        + "FROM motion_voter WHERE motion_id = ?1 AND proxy_choice IS NOT NULL")
                .setParameter(1, motionId)
                .getResultList();
        MotionView opened = view(motionId);
        for (Object[] row : directed) {
            record(
                    opened,
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    "proxy",
                    (String) row[2],
                    (BigDecimal) row[3]);
        }
        if (!directed.isEmpty()) {
            bumpTally(motionId);
        }
        return changed(meeting, motionId);
    }

    /** Closes the vote by the chair. */
    public Closed close(MemberIdentity actor, long motionId) {
        MotionView motion = lockedMotion(actor, motionId);
        requireChair(actor, motion.meeting());
        return closeLocked(motion, "chair " + actor.displayName());
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
        return closeLocked(view(motionId), "deadline");
    }

    private Closed closeLocked(MotionView motion, String closedBy) {
        if (!"open".equals(motion.status())) {
            throw new QuorumException(QuorumError.MOTION_STATE, "Only an open motion can be closed.");
        }
        MeetingRef meeting = meetings.byId(motion.meeting(), true);
        QuorumRule.Status quorum = meetings.quorum(meeting);
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        Tally counted = recount(motion, true);
        Tally tally = new Tally(
                motion.id(), tallyVersion(motion.id()), counted.votesCast(), counted.eligible(), counted.results());
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
        MotionView closed = view(motion.id());
        String minute = writeMinute(meeting, closed, tally, quorum, decision);
        return new Closed(meeting, closed, tally, quorum, minute);
    }

    // ---- votes -------------------------------------------------------------------------------------------

    /**
     * A vote by the actor, for themself or (onBehalfOf) as a delegator's proxy holder in a member meeting,
     * or as the secretary entering a director's assisted vote in a board meeting. A vote can be changed
     * until the close; a delegator's own vote overrides their proxy's.
     */
    public VoteResult vote(MemberIdentity actor, long motionId, String choice, String onBehalfOf) {
        // everything that cannot change while the motion is open is read before its lock is taken: the
        // lock serializes the votes of a motion, so what it covers decides how many votes a second it takes
        MotionView before = view(motionId);
        MeetingRef meeting = before == null ? null : meetings.byId(before.meeting(), false);
        if (meeting == null || meeting.organizationId() != actor.organizationId()) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        boolean forSelf = onBehalfOf == null || onBehalfOf.equals(actor.subject());
        long voterId = forSelf ? actor.memberId() : memberId(meeting.organizationId(), onBehalfOf);
        List<Object[]> eligible = voterRow(motionId, voterId);
        String status = (String) em.createNativeQuery("SELECT status FROM motion WHERE id = ?1 FOR UPDATE")
                .setParameter(1, motionId)
                .getSingleResult();
        if ("closed".equals(status)) {
            throw new QuorumException(QuorumError.MOTION_CLOSED);
        }
        if (!"open".equals(status)) {
            throw new QuorumException(QuorumError.MOTION_STATE, "The vote on this motion has not opened.");
        }
        MotionView motion = "open".equals(before.status()) ? before : view(motionId);
        if (!"open".equals(before.status())) {
            eligible = voterRow(motionId, voterId); // it opened meanwhile: its voters are fixed now
        }
        if (choice == null || !motion.options().contains(choice)) {
            throw new QuorumException(
                    QuorumError.UNKNOWN_OPTION, "Choose one of " + String.join(", ", motion.options()) + ".");
        }
        if (eligible.isEmpty()) {
            throw new QuorumException(QuorumError.NOT_ELIGIBLE);
        }
        BigDecimal weight = (BigDecimal) eligible.get(0)[0];
        String via = "in_person";
        if (!forSelf) {
            if (!meeting.isMemberMeeting()) {
                if (!actor.hasRole("secretary")) {
                    throw new QuorumException(QuorumError.PROXY_NOT_ALLOWED);
                }
                via = "assisted";
            } else {
                Number holder = (Number) eligible.get(0)[1];
                if (holder == null || holder.longValue() != actor.memberId()) {
                    throw new QuorumException(
                            QuorumError.NOT_ELIGIBLE, "You hold no proxy of " + onBehalfOf + " for this motion.");
                }
                String fixed = (String) eligible.get(0)[2];
                if (fixed != null && !fixed.equals(choice)) {
                    throw new QuorumException(
                            QuorumError.PROXY_DIRECTED, "The delegator's instruction is '" + fixed + "'.");
                }
                if ("in_person".equals(previousVia(motion, voterId))) {
                    throw new QuorumException(QuorumError.PROXY_OVERRIDDEN);
                }
                via = "proxy";
            }
        }
        String receipt = record(motion, voterId, actor.memberId(), via, choice, weight);
        long version = bumpTally(motionId);
        Tally tally = recount(motion, motion.runningResults());
        return new VoteResult(
                meeting,
                motion,
                new Tally(motionId, version, tally.votesCast(), tally.eligible(), tally.results()),
                voterId,
                forSelf ? actor.subject() : onBehalfOf,
                actor.subject(),
                via,
                choice,
                receipt);
    }

    /** The voter's row of a motion's electorate: weight, proxy holder, directed choice; empty if not eligible. */
    @SuppressWarnings("unchecked")
    private List<Object[]> voterRow(long motionId, long voterId) {
        return em.createNativeQuery("SELECT weight, proxy_holder_id, proxy_choice FROM motion_voter "
                        + "WHERE motion_id = ?1 AND member_id = ?2")
                .setParameter(1, motionId)
                .setParameter(2, voterId)
                .getResultList();
    }

    /** Writes the vote; answers the receipt code of a secret ballot (null for a named one). */
    private String record(MotionView motion, long voterId, long castBy, String via, String choice, BigDecimal weight) {
        if (!motion.secret()) {
            em.createNativeQuery("INSERT INTO vote (motion_id, voter_id, choice, weight, cast_by, via) VALUES "
                            + "(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (motion_id, voter_id) DO UPDATE SET choice = "
                            + "EXCLUDED.choice, cast_by = EXCLUDED.cast_by, via = EXCLUDED.via, cast_at = now()")
                    .setParameter(1, motion.id())
                    .setParameter(2, voterId)
                    .setParameter(3, choice)
                    .setParameter(4, weight)
                    .setParameter(5, castBy)
                    .setParameter(6, via)
                    .executeUpdate();
            return null;
        }
        String salt = (String) em.createNativeQuery("SELECT ballot_salt FROM motion WHERE id = ?1")
                .setParameter(1, motion.id())
                .getSingleResult();
        String ballotKey = sha256(salt + ":" + voterId);
        String receipt = randomCode(10);
        em.createNativeQuery("INSERT INTO secret_participation (motion_id, voter_id, via) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (motion_id, voter_id) DO UPDATE SET via = EXCLUDED.via")
                .setParameter(1, motion.id())
                .setParameter(2, voterId)
                .setParameter(3, via)
                .executeUpdate();
        // a changed vote replaces the ballot and its receipt: the old code no longer verifies
        em.createNativeQuery("INSERT INTO secret_ballot (motion_id, receipt_hash, ballot_key, choice, weight) VALUES "
                        + "(?1, ?2, ?3, ?4, ?5) ON CONFLICT (motion_id, ballot_key) DO UPDATE SET receipt_hash = "
                        + "EXCLUDED.receipt_hash, choice = EXCLUDED.choice, weight = EXCLUDED.weight")
                .setParameter(1, motion.id())
                .setParameter(2, sha256(receipt))
                .setParameter(3, ballotKey)
                .setParameter(4, choice)
                .setParameter(5, weight)
                .executeUpdate();
        return receipt;
    }

    private String previousVia(MotionView motion, long voterId) {
        @SuppressWarnings("unchecked")
        List<String> via = em.createNativeQuery(
                        motion.secret()
                                ? "SELECT via FROM secret_participation WHERE motion_id = ?1 AND voter_id = ?2"
                                : "SELECT via FROM vote WHERE motion_id = ?1 AND voter_id = ?2")
                .setParameter(1, motion.id())
                .setParameter(2, voterId)
                .getResultList();
        return via.isEmpty() ? null : via.get(0);
    }

    private long bumpTally(long motionId) {
        return ((Number) em.createNativeQuery(
                                "UPDATE motion SET tally_version = tally_version + 1 WHERE id = ?1 RETURNING tally_version")
                        .setParameter(1, motionId)
                        .getSingleResult())
                .longValue();
    }

    /** Whether the secret ballot with this receipt was counted, and as what: only the receipt's holder knows it. */
    public String verifyReceipt(MemberIdentity actor, long motionId, String receipt) {
        MotionView motion = motion(actor, motionId);
        @SuppressWarnings("unchecked")
        List<String> choice = em.createNativeQuery(
                        "SELECT choice FROM secret_ballot WHERE motion_id = ?1 AND receipt_hash = ?2")
                .setParameter(1, motion.id())
                .setParameter(2, sha256(receipt == null ? "" : receipt.trim().toUpperCase(Locale.ROOT)))
                .getResultList();
        if (choice.isEmpty()) {
            throw new QuorumException(QuorumError.RECEIPT_UNKNOWN);
        }
        return choice.get(0);
    }

    // ---- reading -----------------------------------------------------------------------------------------

    public MotionView motion(MemberIdentity actor, long motionId) {
        MotionView motion = view(motionId);
        if (motion == null) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        try {
            meetings.meeting(actor, motion.meeting()); // the meeting's visibility is the motion's
        } catch (QuorumException hidden) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        return motion;
    }

    public List<MotionView> motions(MemberIdentity actor, long meetingId) {
        meetings.meeting(actor, meetingId);
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM motion WHERE meeting_id = ?1 ORDER BY id")
                .setParameter(1, meetingId)
                .getResultList();
        return ids.stream().map(id -> view(id.longValue())).toList();
    }

    /** The tally as this viewer may see it: results of an open motion only where running results are shown. */
    public Tally tally(MotionView motion) {
        long version = tallyVersion(motion.id());
        Tally tally = recount(motion, "closed".equals(motion.status()) || motion.runningResults());
        return new Tally(motion.id(), version, tally.votesCast(), tally.eligible(), tally.results());
    }

    private long tallyVersion(long motionId) {
        return ((Number) em.createNativeQuery("SELECT tally_version FROM motion WHERE id = ?1")
                        .setParameter(1, motionId)
                        .getSingleResult())
                .longValue();
    }

    /** A named ballot's roll call; never for a secret ballot, whose choices nobody can see. */
    public List<RollCall> rollCall(MotionView motion) {
        if (motion.secret()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT m.subject, m.display_name, v.choice, v.via, c.subject FROM vote v "
                                + "JOIN member m ON m.id = v.voter_id JOIN member c ON c.id = v.cast_by WHERE v.motion_id = ?1 "
                                + "ORDER BY m.display_name")
                .setParameter(1, motion.id())
                .getResultList();
        return rows.stream()
                .map(row -> new RollCall(
                        (String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4]))
                .toList();
    }

    public String minute(MemberIdentity actor, long motionId) {
        MotionView motion = motion(actor, motionId);
        @SuppressWarnings("unchecked")
        List<String> text = em.createNativeQuery("SELECT text FROM decision_minute WHERE motion_id = ?1")
                .setParameter(1, motion.id())
                .getResultList();
        if (text.isEmpty()) {
            throw new QuorumException(QuorumError.MOTION_STATE, "The motion has no decision minute until it closes.");
        }
        return text.get(0);
    }

    /** Counts from the database, as they are in this transaction. */
    public Tally recount(MotionView motion, boolean withResults) {
        String table = motion.secret() ? "secret_ballot" : "vote";
        // one statement: the electorate's size rides along with the counts
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT c.choice, c.weight, c.votes, e.eligible FROM (SELECT COUNT(*) "
                                + "AS eligible FROM motion_voter WHERE motion_id = ?1) e LEFT JOIN (SELECT choice, SUM(weight) AS "
                                + "weight, COUNT(*) AS votes FROM " + table
                                + " WHERE motion_id = ?1 GROUP BY choice) c ON TRUE")
                .setParameter(1, motion.id())
                .getResultList();
        Map<String, Object[]> byChoice = new LinkedHashMap<>();
        rows.stream().filter(row -> row[0] != null).forEach(row -> byChoice.put((String) row[0], row));
        long cast = byChoice.values().stream()
                .mapToLong(row -> ((Number) row[2]).longValue())
                .sum();
        long eligible = ((Number) rows.get(0)[3]).longValue();
        List<OptionCount> results = null;
        if (withResults) {
            results = new ArrayList<>();
            for (String option : motion.options()) {
                Object[] row = byChoice.get(option);
                results.add(new OptionCount(
                        option,
                        row == null ? BigDecimal.ZERO : (BigDecimal) row[1],
                        row == null ? 0 : ((Number) row[2]).longValue()));
            }
        }
        return new Tally(motion.id(), 0, cast, eligible, results);
    }

    private Changed changed(MeetingRef meeting, long motionId) {
        MotionView motion = view(motionId);
        return new Changed(meeting, motion, tally(motion));
    }

    /** The motion, locked for this transaction; another organization's motion is as unknown as a missing one. */
    private MotionView lockedMotion(MemberIdentity actor, long motionId) {
        boolean found = !em.createNativeQuery("SELECT m.id FROM motion m JOIN meeting g ON g.id = m.meeting_id "
                        + "WHERE m.id = ?1 AND g.organization_id = ?2 FOR UPDATE OF m")
                .setParameter(1, motionId)
                .setParameter(2, actor.organizationId())
                .getResultList()
                .isEmpty();
        if (!found) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        return view(motionId);
    }

    public MotionView view(long motionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.meeting_id, m.agenda_item_id, m.title, m.body, "
                        + "CAST(m.options AS TEXT), m.threshold, m.abstentions_count, m.ballot, m.running_results, "
                        + "m.status, p.subject, s.subject, m.voting_seconds, m.deadline, m.opened_at, m.closed_at, "
                        + "m.closed_by, m.outcome FROM motion m JOIN member p ON p.id = m.proposer_id "
                        + "LEFT JOIN member s ON s.id = m.seconder_id WHERE m.id = ?1")
                .setParameter(1, motionId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        List<String> options =
                Json.createReader(new StringReader((String) row[5])).readArray().getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList();
        return new MotionView(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                row[2] == null ? null : ((Number) row[2]).longValue(),
                (String) row[3],
                (String) row[4],
                options,
                (String) row[6],
                (Boolean) row[7],
                (String) row[8],
                (Boolean) row[9],
                (String) row[10],
                (String) row[11],
                (String) row[12],
                row[13] == null ? null : ((Number) row[13]).intValue(),
                row[14] == null ? null : Columns.instant(row[14]),
                row[15] == null ? null : Columns.instant(row[15]),
                row[16] == null ? null : Columns.instant(row[16]),
                (String) row[17],
                (String) row[18]);
    }

    // ---- the decision minute -----------------------------------------------------------------------------

    private String writeMinute(
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
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (OptionCount count : tally.results()) {
            text.append(' ').append(count.option()).append(' ').append(count.votes());
            if (meeting.isMemberMeeting()) {
                text.append(" (weight ").append(count.weight().toPlainString()).append(')');
            }
            text.append(';');
            results.add(Json.createObjectBuilder()
                    .add("option", count.option())
                    .add("votes", count.votes())
                    .add("weight", count.weight()));
        }
        text.append(" ")
                .append(tally.votesCast())
                .append(" of ")
                .append(tally.eligible())
                .append(" eligible voted.\n");
        JsonArrayBuilder roll = Json.createArrayBuilder();
        List<RollCall> rollCall = rollCall(motion);
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
                roll.add(Json.createObjectBuilder()
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
        JsonObjectBuilder record = Json.createObjectBuilder()
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

    // ---- helpers -----------------------------------------------------------------------------------------

    private void requireTakingPart(MemberIdentity actor, MeetingRef meeting) {
        if (!meetings.isParticipant(meeting.id(), actor.memberId())
                && !actor.hasRole("chair")
                && !actor.hasRole("secretary")) {
            throw new QuorumException(QuorumError.NOT_A_PARTICIPANT);
        }
    }

    /** The chair of this meeting: a chair who takes part in it or organized it, not any chair of the organization. */
    private void requireChair(MemberIdentity actor, long meetingId) {
        if (!actor.hasRole("chair")
                || em.createNativeQuery(
                                "SELECT 1 FROM meeting m WHERE m.id = ?1 AND (m.created_by = ?2 OR EXISTS "
                                        + "(SELECT 1 FROM meeting_participant p WHERE p.meeting_id = m.id AND p.member_id = ?2))")
                        .setParameter(1, meetingId)
                        .setParameter(2, actor.memberId())
                        .getResultList()
                        .isEmpty()) {
            throw new QuorumException(QuorumError.CHAIR_ONLY);
        }
    }

    private long memberId(long organizationId, String subject) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM member WHERE organization_id = ?1 AND subject = ?2")
                .setParameter(1, organizationId)
                .setParameter(2, subject)
                .getResultList();
        if (ids.isEmpty()) {
            throw new QuorumException(QuorumError.NOT_ELIGIBLE);
        }
        return ids.get(0).longValue();
    }

    /** Upper-case letters and digits without look-alikes, for codes people read out or type. */
    static String randomCode(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString();
    }

    static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
