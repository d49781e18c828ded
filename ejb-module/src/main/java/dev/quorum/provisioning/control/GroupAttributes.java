package dev.quorum.provisioning.control;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Set;

/** What Quorum keeps of a SCIM Group: its name, the identity provider's id of it, and its members' ids. */
public record GroupAttributes(String displayName, String externalId, Set<Long> members) {

    static final int MAX_MEMBERS = 100_000;

    public static GroupAttributes fromScim(JsonObject group) {
        String displayName = ScimValues.text(group.get("displayName"), "displayName", UserAttributes.MAX_NAME);
        if (displayName == null) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'displayName' is required.");
        }
        return new GroupAttributes(
                displayName,
                ScimValues.text(group.get("externalId"), "externalId", UserAttributes.MAX_NAME),
                group.containsKey("members") ? memberIds(group.get("members")) : Set.of());
    }

    /** The {@code value}s of a members array: the ids of Users as this server gave them out. */
    static Set<Long> memberIds(JsonValue members) {
        if (members == null || members.getValueType() == JsonValue.ValueType.NULL) {
            return Set.of();
        }
        if (!(members instanceof JsonArray list)) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'members' must be an array.");
        }
        if (list.size() > MAX_MEMBERS) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "At most " + MAX_MEMBERS + " members at once.");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonValue entry : list) {
            if (!(entry instanceof JsonObject member) || !(member.get("value") instanceof JsonString value)) {
                throw new QuorumException(
                        QuorumError.SCIM_INVALID_VALUE, "Each member must be an object with the User's id as 'value'.");
            }
            ids.add(userId(value.getString()));
        }
        return ids;
    }

    /** A User's id as this server writes it; anything else names no User here. */
    static long userId(String id) {
        Long parsed = ScimUsers.idOrNone(id.strip());
        if (parsed == null) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'" + id + "' is not the id of a User here.");
        }
        return parsed;
    }

    GroupAttributes withDisplayName(String value) {
        return new GroupAttributes(value, externalId, members);
    }

    GroupAttributes withExternalId(String value) {
        return new GroupAttributes(displayName, value, members);
    }

    GroupAttributes withMembers(Set<Long> value) {
        return new GroupAttributes(displayName, externalId, Set.copyOf(value));
    }
}
