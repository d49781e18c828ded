package dev.quorum.connection.control;

import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A frame from a client: {@code {"type": "...", "id": "...", "data": {...}}}. {@code id} is the
 * client's correlation id, echoed as {@code replyTo}; {@code data} is the message's own fields.
 */
public record InboundEnvelope(String type, String id, JsonObject data) {

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_TYPE_LENGTH = 64;

    public static InboundEnvelope parse(String text) {
        JsonValue value = JsonText.parse(text, "frame");
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new QuorumException(QuorumError.INVALID_ENVELOPE, "A frame must be a JSON object.");
        }
        JsonObject frame = value.asJsonObject();
        String type = optionalString(frame, "type", MAX_TYPE_LENGTH);
        if (type == null || type.isEmpty()) {
            throw new QuorumException(QuorumError.INVALID_ENVELOPE, "A frame needs a non-empty string 'type'.");
        }
        String id = optionalString(frame, "id", MAX_ID_LENGTH);
        JsonValue data = frame.get("data");
        if (data == null || data == JsonValue.NULL) {
            return new InboundEnvelope(type, id, JsonValue.EMPTY_JSON_OBJECT);
        }
        if (data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new QuorumException(QuorumError.INVALID_ENVELOPE, "'data' must be a JSON object.");
        }
        return new InboundEnvelope(type, id, data.asJsonObject());
    }

    private static String optionalString(JsonObject frame, String name, int maxLength) {
        JsonValue value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new QuorumException(QuorumError.INVALID_ENVELOPE, "'" + name + "' must be a string.");
        }
        if (string.getString().length() > maxLength) {
            throw new QuorumException(
                    QuorumError.INVALID_ENVELOPE, "'" + name + "' is longer than " + maxLength + " characters.");
        }
        return Fields.clean(name, string.getString());
    }
}
