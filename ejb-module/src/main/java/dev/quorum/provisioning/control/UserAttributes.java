package dev.quorum.provisioning.control;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What Quorum keeps of a SCIM User. {@code userName} is the member's subject: the {@code sub} their tokens
 * carry. Attributes Quorum does not keep (titles, addresses, the enterprise extension) are accepted and
 * not stored.
 */
public record UserAttributes(
        String userName,
        String externalId,
        String displayName,
        String givenName,
        String familyName,
        String email,
        boolean active) {

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 320;

    /** A full resource, as POST and PUT send it. */
    public static UserAttributes fromScim(JsonObject user) {
        String userName = ScimValues.text(user.get("userName"), "userName", MAX_NAME);
        if (userName == null) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'userName' is required.");
        }
        JsonObject name = user.get("name") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        UserAttributes attributes = new UserAttributes(
                userName,
                ScimValues.text(user.get("externalId"), "externalId", MAX_NAME),
                ScimValues.text(user.get("displayName"), "displayName", MAX_NAME),
                ScimValues.text(name.get("givenName"), "name.givenName", MAX_NAME),
                ScimValues.text(name.get("familyName"), "name.familyName", MAX_NAME),
                email(user.get("emails")),
                !user.containsKey("active") || ScimValues.flag(user.get("active"), "active"));
        String formatted = ScimValues.text(name.get("formatted"), "name.formatted", MAX_NAME);
        return attributes.displayName() == null && formatted != null
                ? attributes.withDisplayName(formatted)
                : attributes;
    }

    /** The name shown in rooms: the display name, else given and family name, else the user name. */
    public String shownName() {
        if (displayName != null) {
            return displayName;
        }
        String full = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return full.isEmpty() ? userName : full;
    }

    /** The primary address, else the work address, else the first. */
    static String email(JsonValue emails) {
        if (emails == null || emails.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(emails instanceof JsonArray list)) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'emails' must be an array.");
        }
        JsonObject chosen = null;
        for (JsonValue entry : list) {
            if (!(entry instanceof JsonObject email)) {
                throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "Each of 'emails' must be an object.");
            }
            boolean primary = email.containsKey("primary") && ScimValues.flag(email.get("primary"), "emails.primary");
            boolean work = "work".equals(ScimValues.text(email.get("type"), "emails.type", 20));
            if (chosen == null
                    || primary
                    || (work && !"work".equals(ScimValues.text(chosen.get("type"), "emails.type", 20)))) {
                chosen = email;
            }
            if (primary) {
                break;
            }
        }
        return chosen == null ? null : ScimValues.text(chosen.get("value"), "emails.value", MAX_EMAIL);
    }

    UserAttributes withUserName(String value) {
        return new UserAttributes(value, externalId, displayName, givenName, familyName, email, active);
    }

    UserAttributes withExternalId(String value) {
        return new UserAttributes(userName, value, displayName, givenName, familyName, email, active);
    }

    UserAttributes withDisplayName(String value) {
        return new UserAttributes(userName, externalId, value, givenName, familyName, email, active);
    }

    UserAttributes withGivenName(String value) {
        return new UserAttributes(userName, externalId, displayName, value, familyName, email, active);
    }

    UserAttributes withFamilyName(String value) {
        return new UserAttributes(userName, externalId, displayName, givenName, value, email, active);
    }

    UserAttributes withEmail(String value) {
        return new UserAttributes(userName, externalId, displayName, givenName, familyName, value, active);
    }

    UserAttributes withActive(boolean value) {
        return new UserAttributes(userName, externalId, displayName, givenName, familyName, email, value);
    }
}
