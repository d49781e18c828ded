package dev.quorum.provisioning.control;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One operation of a SCIM PatchOp request (RFC 7644 §3.5.2); {@code path} null means the whole resource. */
public record PatchOperation(Kind kind, String path, JsonValue value) {

    public enum Kind {
        ADD,
        REPLACE,
        REMOVE
    }

    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static final int MAX_OPERATIONS = 1000;

    /**
     * The operations of a PatchOp body. The operation name is read without regard to case: Entra ID sends
     * "Replace" and "Add".
     */
    public static List<PatchOperation> parse(JsonObject body) {
        if (!(body.get("Operations") instanceof jakarta.json.JsonArray operations) || operations.isEmpty()) {
            throw new QuorumException(
                    QuorumError.SCIM_INVALID_SYNTAX, "A PatchOp request needs a non-empty 'Operations' array.");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new QuorumException(
                    QuorumError.SCIM_INVALID_SYNTAX, "At most " + MAX_OPERATIONS + " operations in one request.");
        }
        List<PatchOperation> parsed = new ArrayList<>(operations.size());
        for (JsonValue entry : operations) {
            if (!(entry instanceof JsonObject operation) || !(operation.get("op") instanceof JsonString op)) {
                throw new QuorumException(QuorumError.SCIM_INVALID_SYNTAX, "Each operation needs an 'op'.");
            }
            Kind kind =
                    switch (op.getString().toLowerCase(Locale.ROOT)) {
                        case "add" -> Kind.ADD;
                        case "replace" -> Kind.REPLACE;
                        case "remove" -> Kind.REMOVE;
                        default ->
                            throw new QuorumException(
                                    QuorumError.SCIM_INVALID_SYNTAX, "'op' must be add, replace or remove.");
                    };
            String path = ScimValues.text(operation.get("path"), "path", 500);
            JsonValue value = operation.get("value");
            if (kind != Kind.REMOVE && value == null) {
                throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "An " + op.getString() + " needs a 'value'.");
            }
            if (path == null && kind == Kind.REMOVE) {
                throw new QuorumException(QuorumError.SCIM_INVALID_PATH, "A remove needs a 'path'.");
            }
            if (path == null && !(value instanceof JsonObject)) {
                throw new QuorumException(
                        QuorumError.SCIM_INVALID_VALUE,
                        "Without a 'path', the 'value' must be an object of attributes.");
            }
            parsed.add(new PatchOperation(kind, path, value));
        }
        return parsed;
    }
}
