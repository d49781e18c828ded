package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {

    private static Fields fields(String json) {
        return Fields.of(JsonText.parseObject(json, "body"));
    }

    private static QuorumException refused(Runnable read) {
        QuorumException refusal = assertThrows(QuorumException.class, read::run);
        assertEquals(QuorumError.INVALID_MESSAGE, refusal.error());
        return refusal;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"a\\u0000b", "\\ud800", "x\\udfff", "\\ufffe", "\\uffff", "\\ufdd0", "\\u001b[0m", "\\u007f"})
    void refusesWhatNoStringMayHoldNamingTheField(String escaped) {
        QuorumException refusal =
                refused(() -> fields("{\"title\":\"" + escaped + "\"}").text("title", 100));
        assertTrue(refusal.getMessage().contains("'title'"), refusal.getMessage());
    }

    @Test
    void keepsTabsNewlinesEmojiAndCombiningMarks() {
        String text = "line\tone\r\nline two 👍🏽 e\u0301";
        assertEquals(text, Fields.clean("text", text));
        assertEquals("\ud83d\udc4d", fields("{\"t\":\"\\ud83d\\udc4d\"}").text("t", 10));
    }

    @Test
    void readsInstantsWithAnOffsetOnly() {
        assertEquals(
                Instant.parse("2026-12-01T08:00:00Z"),
                fields("{\"at\":\"2026-12-01T09:00:00+01:00\"}").optionalInstant("at"));
        assertNull(fields("{}").optionalInstant("at"));
        for (String bad : new String[] {"\"tomorrow\"", "\"2026-12-01T09:00:00\"", "\"2026-13-45T99:99:99Z\"", "5"}) {
            refused(() -> fields("{\"at\":" + bad + "}").optionalInstant("at"));
        }
    }

    @Test
    void readsBoundedDecimals() {
        assertEquals(new BigDecimal("2.5"), fields("{\"w\":2.50}").optionalDecimal("w"));
        refused(() -> fields("{\"w\":1e12}").optionalDecimal("w"));
        refused(() -> fields("{\"w\":0.0000001}").optionalDecimal("w"));
        refused(() -> fields("{\"w\":\"2\"}").optionalDecimal("w"));
    }

    @Test
    void readsListsOfObjectsUpToTheirLimit() {
        assertEquals(2, fields("{\"p\":[{},{}]}").optionalObjects("p", 2).size());
        refused(() -> fields("{\"p\":[{},{},{}]}").optionalObjects("p", 2));
        refused(() -> fields("{\"p\":[{},1]}").optionalObjects("p", 2));
        refused(() -> fields("{\"p\":{}}").optionalObjects("p", 2));
    }

    @Test
    void idsArePositiveWholeNumbers() {
        assertEquals(7, fields("{\"room\":7}").id("room"));
        for (String bad : new String[] {"0", "-1", "1.5", "\"7\"", "true", "null", "[]", "9223372036854775808"}) {
            refused(() -> fields("{\"room\":" + bad + "}").id("room"));
        }
    }

    @Test
    void pathParametersPassTheSameCheck() {
        assertEquals("alice", Fields.parameter("member", "alice", 200));
        refused(() -> Fields.parameter("member", "a\u0000b", 200));
        refused(() -> Fields.parameter("member", "", 200));
        refused(() -> Fields.parameter("member", "x".repeat(201), 200));
    }
}
