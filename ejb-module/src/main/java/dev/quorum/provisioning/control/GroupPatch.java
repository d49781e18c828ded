package dev.quorum.provisioning.control;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies SCIM PatchOp operations to a Group: its name, external id and members; pure. */
public final class GroupPatch {

    /** {@code members[value eq "42"]}: one member, as Entra ID and Okta remove them. */
    private static final Pattern ONE_MEMBER = Pattern.compile("members\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*\\]");

    private static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:group:";

    /**
     * Read-only attributes an identity provider repeats in a patch's value object (Okta renames a group
     * with {@code {"id": ..., "displayName": ...}}): ignored there, as RFC 7644 has them ignored in a PUT.
     */
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("id", "meta", "schemas");

    private GroupPatch() {}

    public static GroupAttributes apply(GroupAttributes group, List<PatchOperation> operations) {
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                for (Map.Entry<String, JsonValue> attribute : ((JsonObject) operation.value()).entrySet()) {
                    if (!READ_ONLY.contains(attribute.getKey())) {
                        group = applyTo(group, operation.kind(), attribute.getKey(), attribute.getValue());
                    }
                }
            } else {
                group = applyTo(group, operation.kind(), operation.path(), operation.value());
            }
        }
        return group;
    }

    private static GroupAttributes applyTo(
            GroupAttributes group, PatchOperation.Kind kind, String path, JsonValue value) {
        String attribute = path.toLowerCase(Locale.ROOT);
        if (attribute.startsWith(CORE_PREFIX)) {
            attribute = attribute.substring(CORE_PREFIX.length());
        }
        Matcher one = ONE_MEMBER.matcher(attribute);
        if (one.matches()) {
            if (kind != PatchOperation.Kind.REMOVE) {
                throw new QuorumException(QuorumError.SCIM_INVALID_PATH, "Add members with the path 'members'.");
            }
            Set<Long> members = new HashSet<>(group.members());
            members.remove(GroupAttributes.userId(one.group(1)));
            return group.withMembers(members);
        }
        return switch (attribute) {
            case "displayname" -> {
                String name = kind == PatchOperation.Kind.REMOVE
                        ? null
                        : ScimValues.text(value, path, UserAttributes.MAX_NAME);
                if (name == null) {
                    throw new QuorumException(
                            QuorumError.SCIM_MUTABILITY, "'displayName' is required; it cannot be removed.");
                }
                yield group.withDisplayName(name);
            }
            case "externalid" ->
                group.withExternalId(
                        kind == PatchOperation.Kind.REMOVE
                                ? null
                                : ScimValues.text(value, path, UserAttributes.MAX_NAME));
            case "members" -> members(group, kind, value);
            case "schemas" -> group;
            case "id", "meta" ->
                throw new QuorumException(QuorumError.SCIM_MUTABILITY, "'" + path + "' is set by the server.");
            default ->
                throw new QuorumException(
                        QuorumError.SCIM_INVALID_PATH, "'" + path + "' is not an attribute of a Group here.");
        };
    }

    private static GroupAttributes members(GroupAttributes group, PatchOperation.Kind kind, JsonValue value) {
        Set<Long> named = GroupAttributes.memberIds(value);
        Set<Long> members = new HashSet<>(group.members());
        switch (kind) {
            case ADD -> members.addAll(named);
            case REPLACE -> {
                members.clear();
                members.addAll(named);
            }
            case REMOVE -> {
                if (value == null) {
                    members.clear();
                } else {
                    members.removeAll(named);
                }
            }
        }
        return group.withMembers(members);
    }
}
