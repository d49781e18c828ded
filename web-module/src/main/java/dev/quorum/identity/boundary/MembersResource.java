package dev.quorum.identity.boundary;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The active members of the caller's organization, for those who invite them (meeting organizers, admins). */
@Path("members")
@RequestScoped
@RolesAllowed({"secretary", "chair", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class MembersResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    public record MemberEntry(String id, String displayName) {}

    @GET
    public List<MemberEntry> members() {
        MemberIdentity caller = directory.resolve(token);
        return directory.activeMembers(caller.organization()).stream()
                .map(member -> new MemberEntry(member.getSubject(), member.getDisplayName()))
                .toList();
    }
}
