package dev.quorum.integration.boundary;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.integration.control.Integration;
import dev.quorum.integration.control.Integrations;
import dev.quorum.platform.control.Fields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The organization's integrations: issue one (its broker password is in this answer only), list them, revoke
 * one (the broker refuses its new connections within seconds).
 */
@Path("admin/integrations")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationsResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    Integrations integrations;

    @Context
    HttpServletRequest request;

    @GET
    public List<Integration> list() {
        return integrations.list(directory.resolve(token));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(JsonObject body) {
        Integrations.Issued issued =
                integrations.issue(directory.resolve(token), Fields.of(body).text("name", 40), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @DELETE
    @Path("{name}")
    public Integration revoke(@PathParam("name") String name) {
        return integrations.revoke(
                directory.resolve(token), Fields.parameter("name", name, 40), request.getRemoteAddr());
    }
}
