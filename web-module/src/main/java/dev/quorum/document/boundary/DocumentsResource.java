package dev.quorum.document.boundary;

import dev.quorum.document.control.DocumentCommand;
import dev.quorum.document.control.DocumentRendering;
import dev.quorum.document.control.DocumentView;
import dev.quorum.document.control.Documents;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Documents of the caller's organization: create, list, read (also at an old revision), rename and move
 * through draft → in review → final, restore an old revision, archive. Editing is live, over the WebSocket
 * ({@code doc.open}, {@code doc.op}).
 */
@Path("documents")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    /** A revision's text. */
    public record RevisionText(long doc, long revision, String content) {}

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    Documents documents;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        DocumentView created =
                documents.create(actor(), DocumentCommand.NewDocument.decode(Fields.of(body)), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    public List<DocumentView> list(@QueryParam("meeting") Long meeting, @QueryParam("agendaItem") Long agendaItem) {
        return documents.list(actor(), meeting, agendaItem);
    }

    @GET
    @Path("{doc}")
    public DocumentView read(@PathParam("doc") long doc) {
        return documents.open(actor(), doc);
    }

    @PATCH
    @Path("{doc}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DocumentView change(@PathParam("doc") long doc, JsonObject body) {
        return documents.change(actor(), doc, DocumentCommand.Change.decode(Fields.of(body)), request.getRemoteAddr());
    }

    @DELETE
    @Path("{doc}")
    public Response archive(@PathParam("doc") long doc) {
        documents.archive(actor(), doc, request.getRemoteAddr());
        return Response.noContent().build();
    }

    @GET
    @Path("{doc}/revisions/{revision}")
    public RevisionText revision(@PathParam("doc") long doc, @PathParam("revision") long revision) {
        return new RevisionText(doc, revision, documents.textAt(actor(), doc, revision));
    }

    @GET
    @Path("{doc}/history")
    public List<Map<String, Object>> history(
            @PathParam("doc") long doc,
            @QueryParam("before") @DefaultValue("9223372036854775807") long before,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return documents.history(actor(), doc, before, Math.max(1, Math.min(limit, 200)));
    }

    @POST
    @Path("{doc}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    public Documents.Committed restore(@PathParam("doc") long doc, JsonObject body) {
        long revision = DocumentCommand.Restore.decode(Fields.of(body)).revision();
        return documents.restore(actor(), doc, revision, request.getRemoteAddr(), System.nanoTime());
    }

    /**
     * The text as a file: {@code markdown} (the text itself) or {@code html} (a standalone, printable page),
     * of the newest revision or of {@code ?revision=}.
     */
    @GET
    @Path("{doc}/export/{format}")
    @Produces({"text/markdown", MediaType.TEXT_HTML})
    public Response export(
            @PathParam("doc") long doc, @PathParam("format") String format, @QueryParam("revision") Long revision) {
        if (!format.equals("markdown") && !format.equals("html")) {
            throw new QuorumException(QuorumError.INVALID_REQUEST, "Export as 'markdown' or 'html'.");
        }
        MemberIdentity member = actor();
        DocumentView document = documents.open(member, doc);
        long at = revision == null ? document.revision() : revision;
        String text = revision == null ? document.content() : documents.textAt(member, doc, at);
        String file = document.title().replaceAll("[^\\p{L}\\p{N} ._-]", "_").trim() + " r" + at;
        return switch (format) {
            case "markdown" -> Downloads.attachment(text, "text/markdown; charset=utf-8", file + ".md");
            case "html" ->
                Downloads.attachment(
                        DocumentRendering.page(document, at, text), "text/html; charset=utf-8", file + ".html");
            default -> throw new QuorumException(QuorumError.INVALID_REQUEST, "Export as 'markdown' or 'html'.");
        };
    }

    /** The newest text rendered as an HTML fragment, for the page's preview beside the editor. */
    @GET
    @Path("{doc}/preview")
    public RenderedText preview(@PathParam("doc") long doc) {
        DocumentView document = documents.open(actor(), doc);
        return new RenderedText(doc, document.revision(), DocumentRendering.html(document.content()));
    }

    /** A revision's text rendered as HTML. */
    public record RenderedText(long doc, long revision, String html) {}

    private MemberIdentity actor() {
        return directory.resolve(token);
    }
}
