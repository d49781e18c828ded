package dev.quorum.document.boundary;

import dev.quorum.document.control.CommentView;
import dev.quorum.document.control.DocumentCommand;
import dev.quorum.document.control.DocumentComments;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Fields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Comment threads of a document: start one on a range of the text, reply, reword one's own comment (its
 * earlier wordings are kept), resolve and reopen. Every change is also announced live in the document's
 * room as {@code doc.comment}.
 */
@Path("documents/{doc}/comments")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class CommentsResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    DocumentComments comments;

    @Context
    HttpServletRequest request;

    @PathParam("doc")
    long doc;

    @GET
    public List<CommentView> list() {
        return comments.list(actor(), doc);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(JsonObject body) {
        CommentView thread = comments.start(
                actor(), DocumentCommand.StartThread.decode(doc, Fields.of(body)), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED).entity(thread).build();
    }

    @POST
    @Path("{thread}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("thread") long thread, JsonObject body) {
        String text = DocumentCommand.CommentBody.decode(Fields.of(body)).body();
        return Response.status(Response.Status.CREATED)
                .entity(comments.reply(actor(), doc, thread, text, request.getRemoteAddr()))
                .build();
    }

    @POST
    @Path("{thread}/resolve")
    public CommentView resolve(@PathParam("thread") long thread) {
        return comments.resolve(actor(), doc, thread, true, request.getRemoteAddr());
    }

    @POST
    @Path("{thread}/reopen")
    public CommentView reopen(@PathParam("thread") long thread) {
        return comments.resolve(actor(), doc, thread, false, request.getRemoteAddr());
    }

    @PATCH
    @Path("entries/{comment}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CommentView reword(@PathParam("comment") long comment, JsonObject body) {
        String text = DocumentCommand.CommentBody.decode(Fields.of(body)).body();
        return comments.reword(actor(), doc, comment, text, request.getRemoteAddr());
    }

    @GET
    @Path("entries/{comment}/wordings")
    public List<CommentView.Wording> wordings(@PathParam("comment") long comment) {
        return comments.wordings(actor(), doc, comment);
    }

    private MemberIdentity actor() {
        return directory.resolve(token);
    }
}
