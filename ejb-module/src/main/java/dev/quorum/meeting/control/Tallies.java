package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.meeting.control.Motions.OptionCount;
import dev.quorum.meeting.control.Motions.RollCall;
import dev.quorum.meeting.control.Motions.Tally;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of a motion's votes, always recounted from the database, and the roll call of a named ballot.
 * SQL on purpose: the recount is one aggregate statement joined with the electorate's size, and the
 * version is bumped and read back in one round trip (UPDATE ... RETURNING).
 */
@Stateless
@DatabaseGuarded
public class Tallies {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    /** A new version of the motion's tally (a vote, directed proxies at the opening). */
    public long bump(long motionId) {
        return ((Number) em.createNativeQuery(
                                "UPDATE motion SET tally_version = tally_version + 1 WHERE id = ?1 RETURNING tally_version")
                        .setParameter(1, motionId)
                        .getSingleResult())
                .longValue();
    }

    /** The tally as this viewer may see it: results of an open motion only where running results are shown. */
    public Tally tally(MotionView motion) {
        long version = version(motion.id());
        Tally tally = recount(motion, "closed".equals(motion.status()) || motion.runningResults());
        return new Tally(motion.id(), version, tally.votesCast(), tally.eligible(), tally.results());
    }

    public long version(long motionId) {
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

    /** A voter of a named ballot and whether they have voted yet (not what: that is the roll call's, at its time). */
    public record Voter(String member, String displayName, boolean voted) {}

    /**
     * Who may vote on a named ballot and who has, by name; empty for a secret ballot (only counts show) and
     * for a motion whose voters are not fixed yet.
     */
    public List<Voter> voters(MotionView motion) {
        if (motion.secret()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT m.subject, m.display_name, v.voter_id IS NOT NULL "
                        + "FROM motion_voter e JOIN member m ON m.id = e.member_id LEFT JOIN vote v ON "
                        + "v.motion_id = e.motion_id AND v.voter_id = e.member_id WHERE e.motion_id = ?1 "
                        + "ORDER BY m.display_name")
                .setParameter(1, motion.id())
                .getResultList();
        return rows.stream()
                .map(row -> new Voter((String) row[0], (String) row[1], (Boolean) row[2]))
                .toList();
    }

    /** Whether the member is among the motion's voters (fixed when it opened). */
    public boolean mayVote(long motionId, long memberId) {
        return !em.createNativeQuery("SELECT 1 FROM motion_voter WHERE motion_id = ?1 AND member_id = ?2")
                .setParameter(1, motionId)
                .setParameter(2, memberId)
                .getResultList()
                .isEmpty();
    }

    /** The member's own choice on a named ballot, or null. */
    public String choiceOf(long motionId, long memberId) {
        @SuppressWarnings("unchecked")
        List<String> choice = em.createNativeQuery("SELECT choice FROM vote WHERE motion_id = ?1 AND voter_id = ?2")
                .setParameter(1, motionId)
                .setParameter(2, memberId)
                .getResultList();
        return choice.isEmpty() ? null : choice.get(0);
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
}
