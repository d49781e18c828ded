package dev.quorum.identity.boundary;

import dev.quorum.identity.control.ConnectionTickets;
import dev.quorum.identity.control.IssuedTicket;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Browsers trade their token for a single-use ticket here, then open /ws?ticket=... */
@Path("tickets")
@RequestScoped
public class TicketsResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    ConnectionTickets tickets;

    public record TicketBody(String ticket, Instant expiresAt) {}

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
    public Response issue() {
        MemberIdentity identity = directory.resolve(token);
        IssuedTicket issued = tickets.issue(identity);
        return Response.status(Response.Status.CREATED)
                .entity(new TicketBody(issued.ticket(), issued.expiresAt()))
                .build();
    }
}
