package dev.quorum.document.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.document.control.TextOperation.Component;
import dev.quorum.document.control.TextOperation.Delete;
import dev.quorum.document.control.TextOperation.Insert;
import dev.quorum.document.control.TextOperation.Retain;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Operations on the wire, as ot-text-unicode writes them: {@code [5, "text", {"d": 3}]}. A delete may also
 * carry the deleted text ({@code {"d": "abc"}}, the type's invertible form); only its length counts here.
 */
public final class TextOperationJson {

    /** More components than any keystroke or paste needs; a bound on the work one frame can cause. */
    public static final int MAX_COMPONENTS = 10_000;

    private TextOperationJson() {}

    /** The operation in field {@code name}, or INVALID_MESSAGE naming what is wrong with it. */
    public static TextOperation decode(String name, JsonValue value, int maxInsertChars) {
        if (!(value instanceof JsonArray array)) {
            throw invalid(name, "must be an array of skips, inserts and deletes");
        }
        if (array.size() > MAX_COMPONENTS) {
            throw invalid(name, "has more than " + MAX_COMPONENTS + " components");
        }
        List<Component> components = new ArrayList<>(array.size());
        int inserted = 0;
        for (JsonValue element : array) {
            if (element instanceof JsonNumber number) {
                components.add(new Retain(positive(name, number)));
            } else if (element instanceof JsonString string) {
                String text = Fields.clean(name, string.getString());
                if (text.isEmpty()) {
                    throw invalid(name, "holds an empty insert");
                }
                Insert insert = new Insert(text);
                inserted += insert.length();
                if (inserted > maxInsertChars) {
                    throw invalid(name, "inserts more than " + maxInsertChars + " characters");
                }
                components.add(insert);
            } else if (element instanceof JsonObject object && object.size() == 1 && object.containsKey("d")) {
                JsonValue deleted = object.get("d");
                if (deleted instanceof JsonNumber number) {
                    components.add(new Delete(positive(name, number)));
                } else if (deleted instanceof JsonString text
                        && !text.getString().isEmpty()) {
                    String clean = Fields.clean(name, text.getString());
                    components.add(new Delete(clean.codePointCount(0, clean.length())));
                } else {
                    throw invalid(name, "holds a delete that is neither a positive count nor text");
                }
            } else {
                throw invalid(name, "holds " + element + ", which is no skip, insert or delete");
            }
        }
        return TextOperation.of(components);
    }

    public static JsonArray encode(TextOperation operation) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Component c : operation.components()) {
            if (c instanceof Retain retain) {
                array.add(retain.count());
            } else if (c instanceof Insert insert) {
                array.add(insert.text());
            } else {
                array.add(JSON.createObjectBuilder().add("d", ((Delete) c).count()));
            }
        }
        return array.build();
    }

    private static int positive(String name, JsonNumber number) {
        if (!number.isIntegral()
                || number.bigDecimalValue().signum() <= 0
                || number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw invalid(name, "holds " + number + " where a positive whole count belongs");
        }
        return number.intValue();
    }

    private static QuorumException invalid(String name, String problem) {
        return new QuorumException(QuorumError.INVALID_MESSAGE, "'" + name + "' " + problem + ".");
    }
}
