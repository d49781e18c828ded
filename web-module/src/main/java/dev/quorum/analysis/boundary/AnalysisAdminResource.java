package dev.quorum.analysis.boundary;

import dev.quorum.analysis.control.AnalysisSettings;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.platform.control.Fields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The organization's analysis engine: {@code local} (nothing leaves the server) or {@code remote} (the
 * OpenAI-compatible endpoint this server is configured with), and the remote engine's circuit.
 */
@Path("admin/analysis")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisAdminResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    AnalysisSettings settings;

    @Context
    HttpServletRequest request;

    @GET
    public AnalysisSettings.View read() {
        return settings.view(directory.resolve(token));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public AnalysisSettings.View choose(JsonObject body) {
        return settings.choose(directory.resolve(token), Fields.of(body).text("engine", 20), request.getRemoteAddr());
    }
}
