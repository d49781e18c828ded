package dev.quorum.platform.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/**
 * Parses what clients send, WebSocket frames and REST bodies alike. The nesting depth is checked before
 * the parser sees the text: a parser recurses per level, and 10,000 levels cost a stack overflow and a
 * thousand log lines instead of a one-line refusal. The provider is looked up once; {@code Json.create*}
 * looks it up on every call.
 */
public final class JsonText {

    /** Deeper than any message of the protocol or the REST API needs (they use at most four levels). */
    public static final int MAX_DEPTH = 32;

    /** For building and reading JSON anywhere: {@code Json.create*} would look the provider up on every call. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());

    private JsonText() {}

    /** A JSON object, or a refusal: MALFORMED_JSON, NESTING_TOO_DEEP, or INVALID_MESSAGE for another value. */
    public static JsonObject parseObject(String text, String what) {
        JsonValue value = parse(text, what);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "The " + what + " must be a JSON object.");
        }
        return value.asJsonObject();
    }

    /** Any JSON value, or a refusal: MALFORMED_JSON or NESTING_TOO_DEEP. */
    public static JsonValue parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new QuorumException(QuorumError.MALFORMED_JSON, "The " + what + " is empty; it must be JSON.");
        }
        if (depth(text) > MAX_DEPTH) {
            throw new QuorumException(
                    QuorumError.NESTING_TOO_DEEP,
                    "The " + what + " nests arrays or objects deeper than " + MAX_DEPTH + " levels.");
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                // a reader stops after the first value: '{"a":1}}' would pass as '{"a":1}'
                throw new QuorumException(
                        QuorumError.MALFORMED_JSON, "The " + what + " has text after its JSON value.");
            }
            return value;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            // JsonParsingException is a JsonException; the message is the parser's, never echoed
            throw new QuorumException(QuorumError.MALFORMED_JSON, "The " + what + " is not valid JSON.");
        }
    }

    /** The deepest nesting of arrays and objects in the text, brackets inside strings not counted. */
    static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }
}
