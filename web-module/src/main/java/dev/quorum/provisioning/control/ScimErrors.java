package dev.quorum.provisioning.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.platform.control.ErrorResponses.ErrorBody;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A refusal in SCIM's error form (RFC 7644 §3.12), which identity providers read: {@code status} as a
 * string, a {@code scimType} where SCIM has one, {@code detail}; Quorum's own {@code code} and
 * {@code message} stay beside them, as in every other refusal.
 */
public final class ScimErrors {

    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimErrors() {}

    public static JsonObject of(int status, ErrorBody refusal) {
        JsonObjectBuilder error = JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(ERROR_SCHEMA))
                .add("status", String.valueOf(status))
                .add("detail", refusal.message())
                .add("code", refusal.code())
                .add("message", refusal.message());
        String scimType = scimType(refusal.code());
        if (scimType != null) {
            error.add("scimType", scimType);
        }
        return error.build();
    }

    static String scimType(String code) {
        return switch (code) {
            case "SCIM_INVALID_FILTER" -> "invalidFilter";
            case "SCIM_INVALID_SYNTAX", "MALFORMED_JSON", "NESTING_TOO_DEEP" -> "invalidSyntax";
            case "SCIM_INVALID_PATH" -> "invalidPath";
            case "SCIM_INVALID_VALUE", "INVALID_MESSAGE" -> "invalidValue";
            case "SCIM_MUTABILITY" -> "mutability";
            case "SCIM_UNIQUENESS" -> "uniqueness";
            default -> null;
        };
    }
}
