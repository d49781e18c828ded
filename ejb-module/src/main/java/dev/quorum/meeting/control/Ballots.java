package dev.quorum.meeting.control;

import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.meeting.control.Motions.Tally;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Votes and secret ballots. A vote takes the motion's row lock, so the votes of a motion are serialized on
 * whichever node they arrive and the tally each reports is a recount inside the same transaction. A secret
 * ballot is stored apart from who voted, found while the motion is open only by a salted key, and answered
 * with a receipt whose hash alone is kept.
 *
 * SQL on purpose: each vote is one upsert (INSERT ... ON CONFLICT) under the motion's lock, on the path
 * that decides how many votes a second a motion takes.
 */
@Stateless
@DatabaseGuarded
public class Ballots {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Sealing sealing;

    @EJB
    Meetings meetings;

    @EJB
    MotionQueries queries;

    @EJB
    Tallies tallies;

    /** Directed proxies vote as their delegators instructed, as the vote opens (under the motion's lock). */
    public void castDirectedProxies(MotionView opened) {
        @SuppressWarnings("unchecked")
        List<Object[]> directed = em.createNativeQuery("SELECT member_id, proxy_holder_id, proxy_choice, weight "
                        + "FROM motion_voter WHERE motion_id = ?1 AND proxy_choice IS NOT NULL")
                .setParameter(1, opened.id())
                .getResultList();
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
            tallies.bump(opened.id());
        }
    }

    /**
     * A vote by the actor, for themself or (onBehalfOf) as a delegator's proxy holder in a member meeting,
     * or as the secretary entering a director's assisted vote in a board meeting. A vote can be changed
     * until the close; a delegator's own vote overrides their proxy's.
     */
    public VoteResult vote(MemberIdentity actor, long motionId, String choice, String onBehalfOf) {
        // everything that cannot change while the motion is open is read before its lock is taken: the
        // lock serializes the votes of a motion, so what it covers decides how many votes a second it takes
        MotionView before = queries.view(motionId);
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
        MotionView motion = "open".equals(before.status()) ? before : queries.view(motionId);
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
        Recorded recorded = record(motion, voterId, actor.memberId(), via, choice, weight);
        long version = tallies.bump(motionId);
        Tally tally = tallies.recount(motion, motion.runningResults());
        return new VoteResult(
                meeting,
                motion,
                new Tally(motionId, version, tally.votesCast(), tally.eligible(), tally.results()),
                voterId,
                forSelf ? actor.subject() : onBehalfOf,
                actor.subject(),
                via,
                choice,
                recorded.receipt(),
                recorded.changedFrom(),
                Instant.now());
    }

    /** A stored vote: the secret ballot's receipt (null for a named vote), and the choice it replaced, if any. */
    private record Recorded(String receipt, String changedFrom) {}

    /** The voter's row of a motion's electorate: weight, proxy holder, directed choice; empty if not eligible. */
    @SuppressWarnings("unchecked")
    private List<Object[]> voterRow(long motionId, long voterId) {
        return em.createNativeQuery("SELECT weight, proxy_holder_id, proxy_choice FROM motion_voter "
                        + "WHERE motion_id = ?1 AND member_id = ?2")
                .setParameter(1, motionId)
                .setParameter(2, voterId)
                .getResultList();
    }

    /** Writes the vote; answers the receipt code of a secret ballot and the choice the vote replaced. */
    private Recorded record(
            MotionView motion, long voterId, long castBy, String via, String choice, BigDecimal weight) {
        if (!motion.secret()) {
            String previous =
                    first(em.createNativeQuery("SELECT choice FROM vote WHERE motion_id = ?1 AND voter_id = ?2")
                            .setParameter(1, motion.id())
                            .setParameter(2, voterId)
                            .getResultList());
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
            return new Recorded(null, changed(previous, choice));
        }
        Object[] stored = (Object[]) em.createNativeQuery("SELECT mo.ballot_salt, mt.organization_id FROM motion mo "
                        + "JOIN meeting mt ON mt.id = mo.meeting_id WHERE mo.id = ?1")
                .setParameter(1, motion.id())
                .getSingleResult();
        String salt = sealing.openText(((Number) stored[1]).longValue(), saltOf(motion.id()), (String) stored[0]);
        String ballotKey = sha256(salt + ":" + voterId);
        String receipt = randomCode(10);
        String previous =
                first(em.createNativeQuery("SELECT choice FROM secret_ballot WHERE motion_id = ?1 AND ballot_key = ?2")
                        .setParameter(1, motion.id())
                        .setParameter(2, ballotKey)
                        .getResultList());
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
        return new Recorded(receipt, changed(previous, choice));
    }

    private static String first(List<?> rows) {
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** The replaced choice when the vote changed it; null for a first vote or the same choice again. */
    private static String changed(String previous, String choice) {
        return previous == null || previous.equals(choice) ? null : previous;
    }

    /**
     * A secret motion's ballot salt as stored: sealed under the organization's key, so that the database alone
     * cannot link a ballot to its voter while the motion is open. The close erases it.
     */
    public String sealedSalt(long organization, long motion, String salt) {
        return sealing.sealText(organization, saltOf(motion), salt);
    }

    /** What a motion's sealed ballot salt is bound to. */
    public static String saltOf(long motion) {
        return SealedPlaces.ballotSalt(motion);
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

    /** Whether the secret ballot with this receipt was counted, and as what: only the receipt's holder knows it. */
    public String verifyReceipt(MemberIdentity actor, long motionId, String receipt) {
        MotionView motion = queries.motion(actor, motionId);
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
