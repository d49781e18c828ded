package dev.quorum.compliance.boundary;

import dev.quorum.compliance.control.MemberDataExport;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in member: who they are, for the pages' header, and (GDPR right of access) every member may export what Quorum keeps about them (officers export any member's
 * through {@link ComplianceResource}). Every export is audited.
 */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemberDataResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    MemberDataExport exports;

    @Context
    HttpServletRequest request;

    /** Who is signed in, as the pages name them: display name and organization name, not ids. */
    public record Me(
            String member, String displayName, String organization, String organizationName, List<String> roles) {}

    @GET
    @RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin", "platform_admin"})
    public Me me() {
        MemberIdentity me = directory.resolve(token);
        return new Me(
                me.subject(),
                me.displayName(),
                me.organization(),
                me.organizationName(),
                me.roles().stream().sorted().toList());
    }

    @GET
    @Path("data")
    @RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
    public JsonObject mine() {
        MemberIdentity me = directory.resolve(token);
        return exports.export(me, me.subject(), request.getRemoteAddr());
    }
}
