package dev.quorum.provisioning.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The discovery documents of RFC 7644 §4: what this server supports, and the attributes it keeps. */
public final class ScimDiscovery {

    private static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private ScimDiscovery() {}

    public static JsonObject serviceProviderConfig(String base) {
        return JSON.createObjectBuilder()
                .add(
                        "schemas",
                        JSON.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
                .add("documentationUri", base.replaceFirst("/api/scim/v2$", "/") + "README.md#provisioning-scim-20")
                .add("patch", supported(true))
                .add(
                        "bulk",
                        JSON.createObjectBuilder()
                                .add("supported", false)
                                .add("maxOperations", 0)
                                .add("maxPayloadSize", 0))
                .add(
                        "filter",
                        JSON.createObjectBuilder().add("supported", true).add("maxResults", ScimExchange.MAX_COUNT))
                .add("changePassword", supported(false))
                .add("sort", supported(false))
                .add("etag", supported(true))
                .add(
                        "authenticationSchemes",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("type", "oauthbearertoken")
                                        .add("name", "Provisioning token")
                                        .add(
                                                "description",
                                                "Authorization: Bearer qps_..., issued per organization by the platform's operator")
                                        .add("primary", true)))
                .add(
                        "meta",
                        JSON.createObjectBuilder()
                                .add("resourceType", "ServiceProviderConfig")
                                .add("location", base + "/ServiceProviderConfig"))
                .build();
    }

    public static JsonObject resourceTypes(String base) {
        return list(
                JSON.createArrayBuilder()
                        .add(resourceType("User", "/Users", USER_SCHEMA, base))
                        .add(resourceType("Group", "/Groups", GROUP_SCHEMA, base)),
                2);
    }

    public static JsonObject schemas() {
        JsonObjectBuilder user = schema(
                USER_SCHEMA,
                "User",
                JSON.createArrayBuilder()
                        .add(attribute(
                                "userName",
                                "string",
                                true,
                                "server",
                                "The member's subject: the 'sub' of their tokens"))
                        .add(attribute(
                                "externalId", "string", false, "none", "The identity provider's id of the person"))
                        .add(attribute("displayName", "string", false, "none", "The name shown in rooms"))
                        .add(JSON.createObjectBuilder(
                                        attribute("name", "complex", false, "none", "givenName, familyName, formatted")
                                                .build())
                                .add(
                                        "subAttributes",
                                        JSON.createArrayBuilder()
                                                .add(attribute("givenName", "string", false, "none", ""))
                                                .add(attribute("familyName", "string", false, "none", ""))
                                                .add(attribute("formatted", "string", false, "none", ""))))
                        .add(JSON.createObjectBuilder(attribute(
                                                "emails",
                                                "complex",
                                                false,
                                                "none",
                                                "The primary (else work, else first) address is kept")
                                        .build())
                                .add("multiValued", true))
                        .add(attribute(
                                "active",
                                "boolean",
                                false,
                                "none",
                                "False: the member cannot sign in and is disconnected at once"))
                        .add(JSON.createObjectBuilder(
                                        attribute("groups", "complex", false, "none", "The groups the member is in")
                                                .build())
                                .add("multiValued", true)
                                .add("mutability", "readOnly")));
        JsonObjectBuilder group = schema(
                GROUP_SCHEMA,
                "Group",
                JSON.createArrayBuilder()
                        .add(attribute(
                                "displayName",
                                "string",
                                true,
                                "server",
                                "A role's name (member, secretary, chair, compliance officer, admin) grants that role"))
                        .add(attribute(
                                "externalId", "string", false, "none", "The identity provider's id of the group"))
                        .add(JSON.createObjectBuilder(attribute(
                                                "members",
                                                "complex",
                                                false,
                                                "none",
                                                "Users, by the id this server gave them")
                                        .build())
                                .add("multiValued", true)));
        return list(JSON.createArrayBuilder().add(user).add(group), 2);
    }

    private static JsonObjectBuilder supported(boolean supported) {
        return JSON.createObjectBuilder().add("supported", supported);
    }

    private static JsonObject list(JsonArrayBuilder resources, int total) {
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(LIST_SCHEMA))
                .add("totalResults", total)
                .add("itemsPerPage", total)
                .add("startIndex", 1)
                .add("Resources", resources)
                .build();
    }

    private static JsonObjectBuilder resourceType(String name, String endpoint, String schema, String base) {
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:ResourceType"))
                .add("id", name)
                .add("name", name)
                .add("endpoint", endpoint)
                .add("schema", schema)
                .add(
                        "meta",
                        JSON.createObjectBuilder()
                                .add("resourceType", "ResourceType")
                                .add("location", base + "/ResourceTypes/" + name));
    }

    private static JsonObjectBuilder schema(String id, String name, JsonArrayBuilder attributes) {
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:Schema"))
                .add("id", id)
                .add("name", name)
                .add("attributes", attributes);
    }

    private static JsonObjectBuilder attribute(
            String name, String type, boolean required, String uniqueness, String description) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("type", type)
                .add("multiValued", false)
                .add("required", required)
                .add("mutability", "readWrite")
                .add("returned", "default")
                .add("uniqueness", uniqueness)
                .add("description", description);
    }
}
