package dev.quorum.provisioning.control;

import jakarta.json.JsonObject;

/** A SCIM resource as answered: its JSON and its version, which the boundary sends as the ETag. */
public record ScimResource(String id, long version, JsonObject json) {

    /** The weak entity tag of a version, as {@code meta.version} and the {@code ETag} header carry it. */
    public static String etag(long version) {
        return "W/\"" + version + "\"";
    }
}
