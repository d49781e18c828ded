package dev.quorum.provisioning.control;

import jakarta.json.JsonObject;

/** A SCIM ListResponse, ready to send. */
public record ScimListing(JsonObject json) {}
