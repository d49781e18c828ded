package dev.quorum.analysis.boundary;

import dev.quorum.analysis.control.AnalysisRequests;
import dev.quorum.analysis.control.AnalysisResults;
import dev.quorum.analysis.control.AnalysisResults.MeetingAnalysis;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.platform.control.Fields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A meeting's AI analysis: its jobs by state, sentiment per speaker and overall, insights and summaries; and
 * a summary on request (of the meeting, or of one agenda item), which arrives as an {@code analysis.summary}
 * message in the meeting's room.
 */
@Path("meetings/{meeting}/analysis")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    AnalysisResults results;

    @Inject
    AnalysisRequests requests;

    @GET
    public MeetingAnalysis read(@PathParam("meeting") long meeting) {
        return results.of(directory.resolve(token), meeting);
    }

    @POST
    @Path("summaries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response summarize(@PathParam("meeting") long meeting, JsonObject body) {
        Long agendaItem = Fields.of(body).optionalId("agendaItem");
        long job = requests.summarize(directory.resolve(token), meeting, agendaItem);
        return Response.accepted(Map.of("job", job, "status", "pending")).build();
    }
}
