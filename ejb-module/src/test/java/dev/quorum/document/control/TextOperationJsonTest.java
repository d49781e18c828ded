package dev.quorum.document.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Operations as ot-text-unicode writes them, and what is refused. */
class TextOperationJsonTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static TextOperation decode(String text) {
        return TextOperationJson.decode("op", json(text), 1_000);
    }

    @Test
    void readsAndWritesTheTypesFormat() {
        TextOperation operation = decode("[3, \"ab\", {\"d\": 2}, 4]");
        assertEquals("[3,\"ab\",{\"d\":2}]", TextOperationJson.encode(operation).toString());
        assertEquals("helab", operation.apply("hello"));
        assertEquals(
                decode("[{\"d\": 2}]"),
                decode("[{\"d\": \"\uD83D\uDC4Dx\"}]"),
                "a delete of text counts its code points");
    }

    @Test
    void refusesWhatIsNoOperation() {
        for (String bad : new String[] {
            "{}",
            "[0]",
            "[-1]",
            "[1.5]",
            "[\"\"]",
            "[{\"d\": 0}]",
            "[{\"d\": 1, \"x\": 2}]",
            "[null]",
            "[[1]]",
            "[\"a\\u0000b\"]",
            "[\"\\ud800\"]",
            "[3000000000]"
        }) {
            QuorumException refused = assertThrows(QuorumException.class, () -> decode(bad), bad);
            assertEquals(QuorumError.INVALID_MESSAGE, refused.error(), bad);
            assertTrue(refused.getMessage().contains("'op'"), refused::getMessage);
        }
    }

    @Test
    void boundsTheInsertedText() {
        assertThrows(QuorumException.class, () -> TextOperationJson.decode("op", json("[\"abcdef\"]"), 5));
    }
}
