package dev.quorum.notice.boundary;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.notice.control.Notices;
import dev.quorum.notice.control.Notices.Notice;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The latest notices of the member's organization (of the last 7 days, at most 5), newest first. */
@Path("notices")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class NoticesResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    Notices notices;

    @GET
    public List<Notice> latest() {
        return notices.latest(directory.resolve(token));
    }
}
