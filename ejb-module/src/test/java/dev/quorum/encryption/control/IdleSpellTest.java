package dev.quorum.encryption.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IdleSpellTest {

    private static final long SECOND = 1_000_000_000L;

    private final IdleSpell spell = new IdleSpell(60 * SECOND);

    @Test
    void roomsLeaveTheBacklogOnlyAfterPassesFoundNothingForTheWholeSpell() {
        assertTrue(spell.passed(false, 0).isEmpty(), "the first idle pass starts the spell");
        assertTrue(spell.passed(false, 58 * SECOND).isEmpty());
        assertEquals(OptionalLong.of(60_000), spell.passed(false, 60 * SECOND));
        assertEquals(OptionalLong.of(62_000), spell.passed(false, 62 * SECOND), "and so on while idle");
    }

    @Test
    void aPassThatSealedSomethingStartsTheSpellAgain() {
        spell.passed(false, 0);
        assertTrue(spell.passed(true, 50 * SECOND).isEmpty());
        assertTrue(spell.passed(false, 52 * SECOND).isEmpty());
        assertTrue(spell.passed(false, 110 * SECOND).isEmpty(), "58 s since the work, not 110");
        assertEquals(OptionalLong.of(60_000), spell.passed(false, 112 * SECOND));
    }

    @Test
    void aFailedPassStartsTheSpellAgain() {
        spell.passed(false, 0);
        spell.failed();
        assertTrue(spell.passed(false, 60 * SECOND).isEmpty(), "the spell begins at the first pass after the failure");
        assertEquals(OptionalLong.of(60_000), spell.passed(false, 120 * SECOND));
    }
}
