package dev.quorum.admin.boundary;

import dev.quorum.admin.control.AdminCommand.NewOrganization;
import dev.quorum.admin.control.AdminCommand.NewProvisioningToken;
import dev.quorum.admin.control.PlatformAdministration;
import dev.quorum.admin.control.PlatformAdministration.OrganizationView;
import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.platform.control.SettingsCatalogue;
import dev.quorum.provisioning.control.IssuedProvisioningToken;
import dev.quorum.provisioning.control.ProvisioningTokens.TokenView;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The platform-wide view and administration, for the `platform_admin` role only (an organization's `admin`
 * sees only their own organization): figures per organization on this node, organizations and the
 * provisioning tokens of their identity providers; no content of any organization.
 */
@Path("platform")
@RequestScoped
@RolesAllowed("platform_admin")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    @Inject
    ConnectionRegistry registry;

    @Inject
    PlatformAdministration platform;

    @Inject
    MemberDirectory directory;

    @Inject
    JsonWebToken token;

    @Inject
    SettingsCatalogue settingsCatalogue;

    @Context
    HttpServletRequest request;

    public record OrganizationFigures(String organization, long connections, int queuedFrames) {}

    @GET
    @Path("stats")
    public List<OrganizationFigures> statistics() {
        Map<String, List<LiveConnection>> byOrganization = registry.all().stream()
                .collect(Collectors.groupingBy(c -> c.identity().organization(), TreeMap::new, Collectors.toList()));
        return byOrganization.entrySet().stream()
                .map(e -> new OrganizationFigures(
                        e.getKey(),
                        e.getValue().size(),
                        e.getValue().stream()
                                .mapToInt(LiveConnection::queueDepth)
                                .sum()))
                .toList();
    }

    /** Every setting of the installation in force, whether a change applies at once, and what it does. */
    @GET
    @Path("settings")
    public List<SettingsCatalogue.SettingView> settings() {
        operator();
        return settingsCatalogue.inForce();
    }

    @GET
    @Path("organizations")
    public List<OrganizationView> organizations() {
        operator();
        return platform.organizations();
    }

    @POST
    @Path("organizations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        NewOrganization organization = NewOrganization.decode(Fields.of(body));
        OrganizationView created =
                platform.create(operator(), organization.slug(), organization.name(), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("organizations/{slug}")
    public OrganizationView organization(@PathParam("slug") String slug) {
        operator();
        return platform.organization(slugParameter(slug));
    }

    /** Nobody of it signs in; its connections close on every node. */
    @POST
    @Path("organizations/{slug}/suspend")
    public OrganizationView suspend(@PathParam("slug") String slug) {
        return platform.suspend(operator(), slugParameter(slug), request.getRemoteAddr());
    }

    @POST
    @Path("organizations/{slug}/resume")
    public OrganizationView resume(@PathParam("slug") String slug) {
        return platform.resume(operator(), slugParameter(slug), request.getRemoteAddr());
    }

    /** Only a suspended organization; it cannot be resumed afterwards and its slug stays taken. */
    @DELETE
    @Path("organizations/{slug}")
    public OrganizationView delete(@PathParam("slug") String slug) {
        return platform.delete(operator(), slugParameter(slug), request.getRemoteAddr());
    }

    @GET
    @Path("organizations/{slug}/provisioning-tokens")
    public List<TokenView> tokens(@PathParam("slug") String slug) {
        operator();
        return platform.tokens(slugParameter(slug));
    }

    /** The secret is in this answer only: it is not stored, only its digest. */
    @POST
    @Path("organizations/{slug}/provisioning-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issueToken(@PathParam("slug") String slug, JsonObject body) {
        NewProvisioningToken token = NewProvisioningToken.decode(Fields.of(body));
        IssuedProvisioningToken issued =
                platform.issueToken(operator(), slugParameter(slug), token.label(), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(issued)
                .build();
    }

    @DELETE
    @Path("organizations/{slug}/provisioning-tokens/{id}")
    public TokenView revokeToken(@PathParam("slug") String slug, @PathParam("id") long id) {
        return platform.revokeToken(operator(), slugParameter(slug), id, request.getRemoteAddr());
    }

    private static String slugParameter(String slug) {
        return Fields.parameter("slug", slug, 63);
    }

    private MemberIdentity operator() {
        MemberIdentity identity = directory.resolve(token);
        if (!identity.hasRole("platform_admin")) {
            throw new QuorumException(QuorumError.FORBIDDEN);
        }
        return identity;
    }
}
