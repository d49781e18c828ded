package dev.quorum.meeting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.meeting.entity.QuorumRule;
import dev.quorum.meeting.entity.QuorumRule.Seat;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeetingRulesTest {

    private static Seat seat(int weight, boolean present) {
        return new Seat(BigDecimal.valueOf(weight), present, false);
    }

    private static Map<String, BigDecimal> votes(int yes, int no, int abstain) {
        return Map.of(
                "for",
                BigDecimal.valueOf(yes),
                "against",
                BigDecimal.valueOf(no),
                "abstain",
                BigDecimal.valueOf(abstain));
    }

    @Test
    void aMajorityOfSeatsNeedsMoreThanHalf() {
        List<Seat> four = List.of(seat(1, true), seat(1, true), seat(1, false), seat(1, false));
        QuorumRule.Status status = QuorumRule.MAJORITY_OF_SEATS.evaluate(null, four);
        assertEquals(BigDecimal.valueOf(3), status.required());
        assertFalse(status.met(), "two of four is not a majority");
        List<Seat> five = List.of(seat(1, true), seat(1, true), seat(1, true), seat(1, false), seat(1, false));
        assertTrue(QuorumRule.MAJORITY_OF_SEATS.evaluate(null, five).met());
    }

    @Test
    void aCountRuleCountsPresentSeats() {
        List<Seat> seats = List.of(seat(1, true), seat(1, true), seat(1, false));
        assertTrue(QuorumRule.COUNT.evaluate(BigDecimal.valueOf(2), seats).met());
        assertFalse(QuorumRule.COUNT.evaluate(BigDecimal.valueOf(3), seats).met());
    }

    @Test
    void aWeightRuleCountsSharesIncludingProxies() {
        List<Seat> seats = List.of(seat(600, false), seat(300, true), new Seat(BigDecimal.valueOf(100), false, true));
        QuorumRule.Status status = QuorumRule.WEIGHT_PERCENT.evaluate(BigDecimal.valueOf(40), seats);
        assertEquals(0, BigDecimal.valueOf(400).compareTo(status.present()), "present plus proxy-represented weight");
        assertEquals(0, BigDecimal.valueOf(400).compareTo(status.required()));
        assertTrue(status.met());
        assertFalse(QuorumRule.WEIGHT_PERCENT
                .evaluate(BigDecimal.valueOf(40.01), seats)
                .met());
    }

    @Test
    void aMajorityOfVotesCastIgnoresAbstentionsUnlessTheyCount() {
        List<String> options = Threshold.DEFAULT_OPTIONS;
        assertTrue(Threshold.MAJORITY.decide(options, votes(3, 2, 4), false).carried(), "3 of 5 counted");
        assertFalse(Threshold.MAJORITY.decide(options, votes(3, 2, 4), true).carried(), "3 of 9 counted");
        assertFalse(Threshold.MAJORITY.decide(options, votes(2, 2, 0), false).carried(), "a tie fails");
        assertFalse(Threshold.MAJORITY.decide(options, votes(0, 0, 3), false).carried(), "nothing counted fails");
    }

    @Test
    void twoThirdsAndUnanimity() {
        List<String> options = Threshold.DEFAULT_OPTIONS;
        assertTrue(Threshold.TWO_THIRDS.decide(options, votes(2, 1, 0), false).carried(), "exactly two thirds");
        assertFalse(
                Threshold.TWO_THIRDS.decide(options, votes(65, 35, 0), false).carried());
        assertTrue(Threshold.UNANIMOUS.decide(options, votes(5, 0, 1), false).carried(), "abstention not counted");
        assertFalse(Threshold.UNANIMOUS.decide(options, votes(5, 0, 1), true).carried(), "abstention counted");
    }

    @Test
    void customOptionsCarryTheLeaderWhenItReachesTheThreshold() {
        List<String> options = List.of("Ada", "Grace", "abstain");
        Map<String, BigDecimal> tally = Map.of("Ada", BigDecimal.valueOf(6), "Grace", BigDecimal.valueOf(4));
        Threshold.Decision decision = Threshold.MAJORITY.decide(options, tally, false);
        assertEquals("Ada", decision.leading());
        assertTrue(decision.carried());
        Threshold.Decision tie = Threshold.MAJORITY.decide(
                options, Map.of("Ada", BigDecimal.valueOf(5), "Grace", BigDecimal.valueOf(5)), false);
        assertNull(tie.leading());
        assertFalse(tie.carried());
    }
}
