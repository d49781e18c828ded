package dev.quorum.provisioning.boundary;

import dev.quorum.provisioning.control.ProvisioningTokenStore;
import dev.quorum.provisioning.control.ScimDiscovery;
import dev.quorum.provisioning.control.ScimExchange;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** What this SCIM service supports (RFC 7644 §4), for identity providers that ask before they sync. */
@Path("scim/v2")
@RequestScoped
@RolesAllowed(ProvisioningTokenStore.ROLE)
@ScimApi
@Produces({ScimExchange.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimDiscoveryResource {

    @Context
    UriInfo uri;

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        return ScimExchange.ok(ScimDiscovery.serviceProviderConfig(ScimExchange.base(uri)));
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        return ScimExchange.ok(ScimDiscovery.resourceTypes(ScimExchange.base(uri)));
    }

    @GET
    @Path("Schemas")
    public Response schemas() {
        return ScimExchange.ok(ScimDiscovery.schemas());
    }
}
