package dev.quorum.identity.boundary;

import dev.quorum.identity.control.DevelopmentTokens;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.entity.Role;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Development mode only: lists the seed members and mints tokens for them. In production mode every
 * path here answers 404, as if it did not exist.
 */
@Path("dev")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DevelopmentResource {

    @Inject
    DevelopmentTokens tokens;

    @Inject
    MemberDirectory directory;

    public record TokenBody(String token, long expiresInSeconds) {}

    public record MemberBody(String organization, String member, String displayName, List<String> roles) {}

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenBody mint(JsonObject body) {
        requireDevelopment();
        DevelopmentTokens.Request request = DevelopmentTokens.Request.decode(Fields.of(body));
        return new TokenBody(
                tokens.mint(request.organization(), request.member(), request.lifetime()),
                request.lifetime().toSeconds());
    }

    public record OrganizationBody(String organization, String name) {}

    /** The organizations to sign in to, for the development sign-in page. */
    @GET
    @Path("organizations")
    public List<OrganizationBody> organizations() {
        requireDevelopment();
        return directory.organizations().stream()
                .map(o -> new OrganizationBody(o.getSlug(), o.getName()))
                .toList();
    }

    @GET
    @Path("members")
    public List<MemberBody> members(@QueryParam("organization") String organization) {
        requireDevelopment();
        Fields.parameter("organization", organization, 100);
        return directory.activeMembers(organization).stream()
                .map(m -> new MemberBody(
                        m.getOrganization().getSlug(),
                        m.getSubject(),
                        m.getDisplayName(),
                        m.getRoles().stream().map(Role::claim).sorted().toList()))
                .toList();
    }

    private void requireDevelopment() {
        if (!tokens.available()) {
            throw new QuorumException(QuorumError.NOT_FOUND);
        }
    }
}
