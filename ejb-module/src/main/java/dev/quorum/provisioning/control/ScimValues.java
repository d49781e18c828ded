package dev.quorum.provisioning.control;

import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;

/** Reads single SCIM values the way identity providers really send them, and refuses the rest plainly. */
final class ScimValues {

    private ScimValues() {}

    /** A string of at most {@code max} characters, or null for JSON null; nothing a text field may not hold. */
    static String text(JsonValue value, String attribute, int max) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'" + attribute + "' must be a string.");
        }
        String text = string.getString().strip();
        if (text.length() > max) {
            throw new QuorumException(
                    QuorumError.SCIM_INVALID_VALUE, "'" + attribute + "' is longer than " + max + " characters.");
        }
        try {
            Fields.clean(attribute, text);
        } catch (QuorumException e) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, e.getMessage());
        }
        return text.isEmpty() ? null : text;
    }

    /** A boolean, also as the strings "True" and "False" some identity providers send in patches. */
    static boolean flag(JsonValue value, String attribute) {
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        if (value instanceof JsonString string) {
            switch (string.getString().strip().toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
            }
        }
        throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'" + attribute + "' must be true or false.");
    }
}
