package dev.quorum.provisioning.boundary;

import dev.quorum.provisioning.control.GroupAttributes;
import dev.quorum.provisioning.control.PatchOperation;
import dev.quorum.provisioning.control.ProvisioningTokenStore;
import dev.quorum.provisioning.control.ScimExchange;
import dev.quorum.provisioning.control.ScimGroups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** SCIM 2.0 Groups (RFC 7644 §3): the token's organization's groups; a group named after a role grants it. */
@Path("scim/v2/Groups")
@RequestScoped
@RolesAllowed(ProvisioningTokenStore.ROLE)
@ScimApi
@Produces({ScimExchange.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimExchange.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimGroupsResource {

    @Inject
    ScimGroups groups;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @POST
    public Response create(JsonObject body) {
        return ScimExchange.created(groups.create(
                ScimExchange.provisioner(security), GroupAttributes.fromScim(body), ScimExchange.base(uri), source()));
    }

    @GET
    public Response list(
            @QueryParam("filter") String filter,
            @QueryParam("startIndex") Integer startIndex,
            @QueryParam("count") Integer count,
            @QueryParam("excludedAttributes") String excludedAttributes) {
        return ScimExchange.ok(groups.list(
                        ScimExchange.provisioner(security),
                        filter,
                        ScimExchange.startIndex(startIndex),
                        ScimExchange.count(count),
                        ScimExchange.withMembers(excludedAttributes),
                        ScimExchange.base(uri))
                .json());
    }

    @GET
    @Path("{id}")
    public Response get(
            @PathParam("id") String id,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @QueryParam("excludedAttributes") String excludedAttributes) {
        return ScimExchange.okUnlessUnchanged(
                groups.get(
                        ScimExchange.provisioner(security),
                        id,
                        ScimExchange.withMembers(excludedAttributes),
                        ScimExchange.base(uri)),
                ifNoneMatch);
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonObject body) {
        return ScimExchange.ok(groups.replace(
                ScimExchange.provisioner(security),
                id,
                ScimExchange.expectedVersion(ifMatch),
                GroupAttributes.fromScim(body),
                ScimExchange.base(uri),
                source()));
    }

    @PATCH
    @Path("{id}")
    public Response patch(
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            @QueryParam("excludedAttributes") String excludedAttributes,
            JsonObject body) {
        return ScimExchange.ok(groups.patch(
                ScimExchange.provisioner(security),
                id,
                ScimExchange.expectedVersion(ifMatch),
                PatchOperation.parse(body),
                ScimExchange.withMembers(excludedAttributes),
                ScimExchange.base(uri),
                source()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        groups.delete(ScimExchange.provisioner(security), id, ScimExchange.expectedVersion(ifMatch), source());
        return Response.noContent().build();
    }

    private String source() {
        return request.getRemoteAddr();
    }
}
