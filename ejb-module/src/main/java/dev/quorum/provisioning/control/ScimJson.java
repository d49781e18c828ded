package dev.quorum.provisioning.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.entity.Member;
import dev.quorum.identity.entity.ScimGroup;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

/** Quorum's members and groups written as SCIM 2.0 resources (RFC 7643). */
final class ScimJson {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    /** A group a user belongs to, or a user a group holds: its id and name. */
    record Reference(long id, String display) {}

    private ScimJson() {}

    static ScimResource user(Member member, List<Reference> groups, String base) {
        String id = String.valueOf(member.getId());
        JsonObjectBuilder name = JSON.createObjectBuilder().add("formatted", member.getDisplayName());
        addIfSet(name, "givenName", member.getGivenName());
        addIfSet(name, "familyName", member.getFamilyName());
        JsonObjectBuilder user = JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(USER_SCHEMA))
                .add("id", id)
                .add("userName", member.getSubject())
                .add("name", name)
                .add("displayName", member.getDisplayName())
                .add("active", member.isActive());
        addIfSet(user, "externalId", member.getExternalId());
        if (member.getEmail() != null) {
            user.add(
                    "emails",
                    JSON.createArrayBuilder()
                            .add(JSON.createObjectBuilder()
                                    .add("value", member.getEmail())
                                    .add("type", "work")
                                    .add("primary", true)));
        }
        JsonArrayBuilder memberOf = JSON.createArrayBuilder();
        groups.forEach(group -> memberOf.add(JSON.createObjectBuilder()
                .add("value", String.valueOf(group.id()))
                .add("display", group.display())
                .add("$ref", base + "/Groups/" + group.id())));
        user.add("groups", memberOf);
        user.add(
                "meta",
                meta("User", member.getCreatedAt(), member.getUpdatedAt(), member.getVersion(), base + "/Users/" + id));
        return new ScimResource(id, member.getVersion(), user.build());
    }

    /** {@code members} null: left out, as asked by {@code excludedAttributes=members}. */
    static ScimResource group(ScimGroup group, List<Reference> members, String base) {
        String id = String.valueOf(group.getId());
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(GROUP_SCHEMA))
                .add("id", id)
                .add("displayName", group.getDisplayName());
        addIfSet(json, "externalId", group.getExternalId());
        if (members != null) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            members.forEach(member -> list.add(JSON.createObjectBuilder()
                    .add("value", String.valueOf(member.id()))
                    .add("display", member.display())
                    .add("$ref", base + "/Users/" + member.id())));
            json.add("members", list);
        }
        json.add(
                "meta",
                meta("Group", group.getCreatedAt(), group.getUpdatedAt(), group.getVersion(), base + "/Groups/" + id));
        return new ScimResource(id, group.getVersion(), json.build());
    }

    static JsonObject list(List<ScimResource> page, long total, int startIndex) {
        JsonArrayBuilder resources = JSON.createArrayBuilder();
        page.forEach(resource -> resources.add(resource.json()));
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(LIST_SCHEMA))
                .add("totalResults", total)
                .add("startIndex", startIndex)
                .add("itemsPerPage", page.size())
                .add("Resources", resources)
                .build();
    }

    private static JsonObjectBuilder meta(
            String type, Instant created, Instant modified, long version, String location) {
        return JSON.createObjectBuilder()
                .add("resourceType", type)
                .add("created", String.valueOf(created))
                .add("lastModified", String.valueOf(modified))
                .add("version", ScimResource.etag(version))
                .add("location", location);
    }

    private static void addIfSet(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
