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
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * GDPR right of access: every member may export what Quorum keeps about them (officers export any member's
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

    @GET
    @Path("data")
    @RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
    public JsonObject mine() {
        MemberIdentity me = directory.resolve(token);
        return exports.export(me, me.subject(), request.getRemoteAddr());
    }
}
