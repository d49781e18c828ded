package dev.quorum.platform.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The one validation of a command's fields at the edge. Every refusal is {@code INVALID_MESSAGE} with a
 * message that names the field; every string is refused if it holds a control character, an unpaired
 * surrogate or a noncharacter (nothing of the kind may reach the database or be echoed to a client).
 */
public final class Fields {

    private final JsonObject data;

    private Fields(JsonObject data) {
        this.data = data;
    }

    public static Fields of(JsonObject data) {
        return new Fields(data);
    }

    public boolean has(String name) {
        JsonValue value = data.get(name);
        return value != null && value != JsonValue.NULL;
    }

    /** A positive whole number: an id. */
    public long id(String name) {
        long value = wholeNumber(name, "a positive integer");
        if (value <= 0) {
            throw invalid(name, "a positive integer");
        }
        return value;
    }

    /** A whole number of at least 0. */
    public long count(String name) {
        return wholeNumber(name, "a whole number >= 0");
    }

    public Long optionalId(String name) {
        return has(name) ? id(name) : null;
    }

    public Long optionalCount(String name) {
        return has(name) ? count(name) : null;
    }

    /** A required string of 1 to max characters. */
    public String text(String name, int max) {
        String value = optionalText(name, max);
        if (value == null) {
            throw invalid(name, "a string of 1 to " + max + " characters");
        }
        return value;
    }

    /** A required string of 0 to max characters: empty clears what it replaces. */
    public String textOrEmpty(String name, int max) {
        if (!(data.get(name) instanceof JsonString string) || string.getString().length() > max) {
            throw invalid(name, "a string of up to " + max + " characters");
        }
        return clean(name, string.getString());
    }

    /** A string of 1 to max characters, or null when absent. */
    public String optionalText(String name, int max) {
        if (!has(name)) {
            return null;
        }
        if (!(data.get(name) instanceof JsonString string)
                || string.getString().isBlank()
                || string.getString().length() > max) {
            throw invalid(name, "a string of 1 to " + max + " characters");
        }
        return clean(name, string.getString());
    }

    /** A required true or false. */
    public boolean flag(String name) {
        Boolean value = optionalFlag(name);
        if (value == null) {
            throw invalid(name, "true or false");
        }
        return value;
    }

    public Boolean optionalFlag(String name) {
        if (!has(name)) {
            return null;
        }
        JsonValue value = data.get(name);
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw invalid(name, "true or false");
        }
        return value == JsonValue.TRUE;
    }

    /** A list of strings of 1 to max characters each, or null when absent. */
    public List<String> optionalStrings(String name, int max) {
        if (!has(name)) {
            return null;
        }
        if (!(data.get(name) instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw invalid(name, "an array of strings");
        }
        return array.getValuesAs(JsonString::getString).stream()
                .map(value -> {
                    if (value.isBlank() || value.length() > max) {
                        throw invalid(name, "an array of strings of 1 to " + max + " characters");
                    }
                    return clean(name, value);
                })
                .toList();
    }

    /** An instant in ISO-8601 with an offset ({@code 2026-12-01T09:00:00Z}), or null when absent. */
    public Instant optionalInstant(String name) {
        if (!has(name)) {
            return null;
        }
        String expected = "a date and time in ISO-8601 with an offset, such as 2026-12-01T09:00:00Z";
        if (!(data.get(name) instanceof JsonString string) || string.getString().length() > 40) {
            throw invalid(name, expected);
        }
        try {
            return OffsetDateTime.parse(string.getString()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, expected);
        }
    }

    /** A number with at most six decimals and below a trillion, or null when absent. */
    public BigDecimal optionalDecimal(String name) {
        if (!has(name)) {
            return null;
        }
        String expected = "a number below 10^12 with at most 6 decimals";
        if (!(data.get(name) instanceof JsonNumber number)) {
            throw invalid(name, expected);
        }
        BigDecimal value = number.bigDecimalValue().stripTrailingZeros();
        if (value.scale() > 6 || value.abs().compareTo(BigDecimal.TEN.pow(12)) >= 0) {
            throw invalid(name, expected);
        }
        return value;
    }

    /** A list of at most maxCount objects, each to be read with its own Fields, or null when absent. */
    public List<Fields> optionalObjects(String name, int maxCount) {
        if (!has(name)) {
            return null;
        }
        if (!(data.get(name) instanceof JsonArray array)
                || array.size() > maxCount
                || !array.stream().allMatch(JsonObject.class::isInstance)) {
            throw invalid(name, "an array of at most " + maxCount + " objects");
        }
        return array.getValuesAs(JsonObject.class).stream().map(Fields::of).toList();
    }

    /** A JSON object of at most maxChars characters as text. */
    public JsonObject object(String name, int maxChars) {
        if (!(data.get(name) instanceof JsonObject object) || object.toString().length() > maxChars) {
            throw invalid(name, "an object of at most " + maxChars + " characters");
        }
        return object;
    }

    /** The raw value, for a payload that has validation of its own. */
    public JsonValue raw(String name) {
        return data.get(name);
    }

    private long wholeNumber(String name, String expected) {
        if (!(data.get(name) instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
            throw invalid(name, expected);
        }
        return number.longValue();
    }

    /** A string from a request's path or query: 1 to max characters, nothing a text field may not hold. */
    public static String parameter(String name, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw invalid(name, "a string of 1 to " + max + " characters");
        }
        return clean(name, value);
    }

    /** Refuses what no text field may hold; answers the string unchanged otherwise. */
    public static String clean(String name, String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            boolean control = codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r';
            boolean unpaired = Character.isSurrogate((char) codePoint);
            boolean noncharacter = (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
            if (control || codePoint == 0x7F || unpaired || noncharacter) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE,
                        "'" + name + "' holds a control character, an unpaired surrogate or a noncharacter.");
            }
            i += Character.charCount(codePoint);
        }
        return value;
    }

    private static QuorumException invalid(String name, String expected) {
        return new QuorumException(QuorumError.INVALID_MESSAGE, "'" + name + "' must be " + expected + ".");
    }
}
