package dev.quorum.transcript.boundary;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.transcript.control.NewSegment;
import dev.quorum.transcript.control.TranscriptSegment;
import dev.quorum.transcript.control.Transcripts;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A meeting's transcript: segments added (201, or 200 with the stored one when its id was sent before) and
 * read in the order spoken, optionally only those containing every word of {@code q}.
 */
@Path("meetings/{meeting}/transcript")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class TranscriptResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    Transcripts transcripts;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("meeting") long meeting, JsonObject body) {
        Transcripts.Submitted submitted = transcripts.submit(
                directory.resolve(token), meeting, NewSegment.decode(Fields.of(body)), "rest", request.getRemoteAddr());
        return Response.status(submitted.repeated() ? Response.Status.OK : Response.Status.CREATED)
                .entity(submitted.segment())
                .build();
    }

    @GET
    public List<TranscriptSegment> read(
            @PathParam("meeting") long meeting,
            @QueryParam("q") String query,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        return transcripts.list(
                directory.resolve(token),
                meeting,
                query == null ? null : Fields.parameter("q", query, 200),
                number("after", after, 0),
                (int) number("limit", limit, 200));
    }

    private static long number(String name, String value, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new QuorumException(QuorumError.INVALID_REQUEST, name + " is a whole number ≥ 0.");
    }
}
