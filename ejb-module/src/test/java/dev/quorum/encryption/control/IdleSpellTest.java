package dev.quorum.encryption.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdleSpellTest {

    private static final long SECOND = 1_000_000_000L;

    private final IdleSpell spell = new IdleSpell(60 * SECOND);

    @Test
    void theSpellIsLongEnoughOnlyAfterPassesFoundNothingForTheWholeOfIt() {
        assertFalse(spell.passed(false, 0), "the first idle pass starts the spell");
        assertFalse(spell.passed(false, 58 * SECOND));
        assertTrue(spell.passed(false, 60 * SECOND));
        assertTrue(spell.passed(false, 3_600 * SECOND), "and stays so while nothing is found");
    }

    @Test
    void aPassThatSealedSomethingStartsTheSpellAgain() {
        spell.passed(false, 0);
        assertFalse(spell.passed(true, 50 * SECOND));
        assertFalse(spell.passed(false, 52 * SECOND));
        assertFalse(spell.passed(false, 110 * SECOND), "58 s since the first idle pass after the work, not 110");
        assertTrue(spell.passed(false, 112 * SECOND));
    }

    @Test
    void aFailedPassStartsTheSpellAgain() {
        spell.passed(false, 0);
        spell.failed();
        assertFalse(spell.passed(false, 60 * SECOND), "the spell begins at the first pass after the failure");
        assertTrue(spell.passed(false, 120 * SECOND));
    }
}
