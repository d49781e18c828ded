package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @Test
    void countsNestingButNotBracketsInStrings() {
        assertEquals(0, JsonText.depth("1"));
        assertEquals(2, JsonText.depth("{\"a\":[1,2]}"));
        assertEquals(1, JsonText.depth("{\"a\":\"[[[{{{\"}"));
        assertEquals(1, JsonText.depth("{\"a\":\"\\\"[[[\"}"));
    }

    @Test
    void acceptsThirtyTwoLevelsAndRefusesThirtyThreeAtOnce() {
        assertEquals(
                32,
                JsonText.depth(
                        JsonText.parse("[".repeat(32) + "]".repeat(32), "frame").toString()));
        QuorumException refusal =
                assertThrows(QuorumException.class, () -> JsonText.parse("[".repeat(33) + "]".repeat(33), "frame"));
        assertEquals(QuorumError.NESTING_TOO_DEEP, refusal.error());
        // ten thousand levels: refused by the scan, the parser never recurses into them
        refusal = assertThrows(QuorumException.class, () -> JsonText.parse("[".repeat(10_000), "body"));
        assertEquals(QuorumError.NESTING_TOO_DEEP, refusal.error());
        assertEquals("The body nests arrays or objects deeper than 32 levels.", refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{", "{\"a\":}", "nul", "{\"a\":1}}", "\u0000"})
    void refusesWhatIsNotJson(String text) {
        assertEquals(
                QuorumError.MALFORMED_JSON,
                assertThrows(QuorumException.class, () -> JsonText.parse(text, "frame"))
                        .error());
    }

    @Test
    void anObjectIsRequiredWhereOneBelongs() {
        assertEquals(1, JsonText.parseObject("{\"a\":1}", "body").getInt("a"));
        QuorumException refusal =
                assertThrows(QuorumException.class, () -> JsonText.parseObject("[{\"a\":1}]", "body"));
        assertEquals(QuorumError.INVALID_MESSAGE, refusal.error());
        assertEquals("The body must be a JSON object.", refusal.getMessage());
    }
}
