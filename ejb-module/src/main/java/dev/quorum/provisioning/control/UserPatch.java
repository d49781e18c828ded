package dev.quorum.provisioning.control;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Applies SCIM PatchOp operations to what Quorum keeps of a User; pure, so every rule is unit-tested. */
public final class UserPatch {

    /** {@code emails[type eq "work"].value}, {@code emails[primary eq true].value}: the one address Quorum keeps. */
    private static final Pattern EMAIL_VALUE = Pattern.compile("emails\\[[^\\]]*\\]\\.value");

    /** Core User attributes Quorum does not keep: accepted, not stored. */
    private static final Set<String> NOT_KEPT = Set.of(
            "nickname",
            "profileurl",
            "title",
            "usertype",
            "preferredlanguage",
            "locale",
            "timezone",
            "password",
            "phonenumbers",
            "ims",
            "photos",
            "addresses",
            "entitlements",
            "roles",
            "x509certificates",
            "name.middlename",
            "name.honorificprefix",
            "name.honorificsuffix");

    private static final String EXTENSION_PREFIX = "urn:ietf:params:scim:schemas:extension:";
    private static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:user:";

    /**
     * Read-only attributes an identity provider repeats in a patch's value object (Okta renames a group
     * with {@code {"id": ..., "displayName": ...}}): ignored there, as RFC 7644 has them ignored in a PUT.
     */
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("id", "meta", "schemas");

    private UserPatch() {}

    public static UserAttributes apply(UserAttributes user, List<PatchOperation> operations) {
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                for (Map.Entry<String, JsonValue> attribute : ((JsonObject) operation.value()).entrySet()) {
                    if (!READ_ONLY.contains(attribute.getKey())) {
                        user = applyTo(user, operation.kind(), attribute.getKey(), attribute.getValue());
                    }
                }
            } else {
                user = applyTo(user, operation.kind(), operation.path(), operation.value());
            }
        }
        return user;
    }

    private static UserAttributes applyTo(UserAttributes user, PatchOperation.Kind kind, String path, JsonValue value) {
        String attribute = path.toLowerCase(Locale.ROOT);
        if (attribute.startsWith(CORE_PREFIX)) {
            attribute = attribute.substring(CORE_PREFIX.length());
        }
        boolean remove = kind == PatchOperation.Kind.REMOVE;
        if (attribute.startsWith(EXTENSION_PREFIX) || NOT_KEPT.contains(attribute) || attribute.equals("schemas")) {
            return user;
        }
        if (EMAIL_VALUE.matcher(attribute).matches()) {
            return user.withEmail(remove ? null : ScimValues.text(value, path, UserAttributes.MAX_EMAIL));
        }
        return switch (attribute) {
            case "username" -> {
                String userName = remove ? null : ScimValues.text(value, path, UserAttributes.MAX_NAME);
                if (userName == null) {
                    throw new QuorumException(
                            QuorumError.SCIM_MUTABILITY, "'userName' is required; it cannot be removed.");
                }
                yield user.withUserName(userName);
            }
            case "externalid" ->
                user.withExternalId(remove ? null : ScimValues.text(value, path, UserAttributes.MAX_NAME));
            case "displayname", "name.formatted" ->
                user.withDisplayName(remove ? null : ScimValues.text(value, path, UserAttributes.MAX_NAME));
            case "name.givenname" ->
                user.withGivenName(remove ? null : ScimValues.text(value, path, UserAttributes.MAX_NAME));
            case "name.familyname" ->
                user.withFamilyName(remove ? null : ScimValues.text(value, path, UserAttributes.MAX_NAME));
            case "name" -> name(user, remove, value);
            case "emails" -> user.withEmail(remove ? null : UserAttributes.email(value));
            case "active" -> user.withActive(!remove && ScimValues.flag(value, path));
            case "id", "meta", "groups" ->
                throw new QuorumException(QuorumError.SCIM_MUTABILITY, "'" + path + "' is set by the server.");
            default ->
                throw new QuorumException(
                        QuorumError.SCIM_INVALID_PATH, "'" + path + "' is not an attribute of a User here.");
        };
    }

    private static UserAttributes name(UserAttributes user, boolean remove, JsonValue value) {
        if (remove) {
            return user.withGivenName(null).withFamilyName(null);
        }
        if (!(value instanceof JsonObject name)) {
            throw new QuorumException(QuorumError.SCIM_INVALID_VALUE, "'name' must be an object.");
        }
        UserAttributes changed = user;
        if (name.containsKey("givenName")) {
            changed = changed.withGivenName(
                    ScimValues.text(name.get("givenName"), "name.givenName", UserAttributes.MAX_NAME));
        }
        if (name.containsKey("familyName")) {
            changed = changed.withFamilyName(
                    ScimValues.text(name.get("familyName"), "name.familyName", UserAttributes.MAX_NAME));
        }
        if (name.containsKey("formatted")) {
            changed = changed.withDisplayName(
                    ScimValues.text(name.get("formatted"), "name.formatted", UserAttributes.MAX_NAME));
        }
        return changed;
    }
}
