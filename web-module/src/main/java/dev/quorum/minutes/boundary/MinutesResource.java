package dev.quorum.minutes.boundary;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.minutes.control.MeetingMinutes;
import dev.quorum.minutes.control.MeetingMinutes.MinutesDocument;
import dev.quorum.minutes.control.MeetingMinutes.MinutesView;
import dev.quorum.minutes.control.MinutesFormats;
import dev.quorum.platform.control.Downloads;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A meeting's minutes: read (the draft as it stands, or the approved text), the narrative of the opening
 * ({@code narratives/opening}) or of an agenda item ({@code narratives/{item}}) written, approved, and
 * downloaded as Markdown, HTML or PDF.
 */
@Path("meetings/{meeting}/minutes")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class MinutesResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    MeetingMinutes minutes;

    @Context
    HttpServletRequest request;

    @GET
    public MinutesView read(@PathParam("meeting") long meeting) {
        return minutes.view(directory.resolve(token), meeting);
    }

    @PUT
    @Path("narratives/{item}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MinutesView write(@PathParam("meeting") long meeting, @PathParam("item") String item, JsonObject body) {
        Long agendaItem;
        if ("opening".equals(item)) {
            agendaItem = null;
        } else {
            try {
                agendaItem = Long.parseLong(item);
            } catch (NumberFormatException e) {
                throw new QuorumException(
                        QuorumError.INVALID_REQUEST, "Write the narrative of 'opening' or of an agenda item's id.");
            }
        }
        String text = Fields.of(body).textOrEmpty("text", MeetingMinutes.MAX_NARRATIVE);
        return minutes.writeNarrative(directory.resolve(token), meeting, agendaItem, text, request.getRemoteAddr());
    }

    @POST
    @Path("approval")
    public MinutesView approve(@PathParam("meeting") long meeting) {
        return minutes.approve(directory.resolve(token), meeting, request.getRemoteAddr());
    }

    /** {@code markdown}, {@code html} (a printable page) or {@code pdf}. */
    @GET
    @Path("export/{format}")
    @Produces({"text/markdown", MediaType.TEXT_HTML, "application/pdf"})
    public Response export(@PathParam("meeting") long meeting, @PathParam("format") String format) {
        if (!format.equals("markdown") && !format.equals("html") && !format.equals("pdf")) {
            throw new QuorumException(
                    QuorumError.INVALID_REQUEST, "Download the minutes as 'markdown', 'html' or 'pdf'.");
        }
        MinutesDocument document = minutes.document(directory.resolve(token), meeting);
        String file = ("Minutes " + document.title())
                        .replaceAll("[^\\p{L}\\p{N} ._-]", "_")
                        .trim()
                + (document.approved() ? "" : " (draft)");
        return switch (format) {
            case "markdown" -> Downloads.attachment(document.markdown(), "text/markdown; charset=utf-8", file + ".md");
            case "html" ->
                Downloads.attachment(MinutesFormats.html(document), "text/html; charset=utf-8", file + ".html");
            default -> Downloads.attachment(MinutesFormats.pdf(document), "application/pdf", file + ".pdf");
        };
    }
}
