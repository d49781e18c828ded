package dev.quorum.compliance.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WordKeysTest {

    private final WordKeys keys = WordKeys.of("diagnos", "gay", "q3");

    @Test
    void aWordStartingWithAKeyInAnyCasePasses() {
        assertTrue(keys.anyIn("She was DIAGNOSED last year"));
        assertTrue(keys.anyIn("gays"));
        assertTrue(keys.anyIn("Revenue in Q3 2025"));
    }

    @Test
    void aKeyInsideAWordOrAWordShorterThanTheKeyDoesNot() {
        assertFalse(keys.anyIn("a prediagnosis"));
        assertFalse(keys.anyIn("diagno"));
        assertFalse(keys.anyIn("q 3, ga y"));
        assertFalse(keys.anyIn(""));
    }
}
