package dev.quorum.compliance.boundary;

import dev.quorum.compliance.control.ComplianceCommand;
import dev.quorum.compliance.control.Deadlines;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Fields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
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

/** The organization's regulatory deadlines, kept by compliance officers (admins read them). */
@Path("compliance/deadlines")
@RequestScoped
@RolesAllowed({"compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class DeadlinesResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    Deadlines deadlines;

    @Context
    HttpServletRequest request;

    @GET
    public List<Deadlines.DeadlineView> list() {
        return deadlines.list(actor());
    }

    @POST
    @RolesAllowed("compliance_officer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        ComplianceCommand.NewDeadline deadline = ComplianceCommand.deadline(Fields.of(body));
        return Response.status(Response.Status.CREATED)
                .entity(deadlines.create(
                        actor(), deadline.title(), deadline.kind(), deadline.dueOn(), request.getRemoteAddr()))
                .build();
    }

    @POST
    @Path("{id}/done")
    @RolesAllowed("compliance_officer")
    public Response done(@PathParam("id") long id) {
        deadlines.settle(actor(), id, true, request.getRemoteAddr());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed("compliance_officer")
    public Response cancel(@PathParam("id") long id) {
        deadlines.settle(actor(), id, false, request.getRemoteAddr());
        return Response.noContent().build();
    }

    private MemberIdentity actor() {
        return directory.resolve(token);
    }
}
