package dev.quorum.document.boundary;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.document.control.CommentView;
import dev.quorum.document.control.DocumentComments;
import dev.quorum.identity.control.MemberDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Where the caller was mentioned in a comment (the lobby lists them), and marking them seen. */
@Path("mentions")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class MentionsResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    DocumentComments comments;

    @GET
    public List<CommentView.Mention> list(@QueryParam("limit") @DefaultValue("20") int limit) {
        return comments.mentions(directory.resolve(token), Math.max(1, Math.min(limit, 100)));
    }

    /** Marks the caller's mentions in one document seen, as opening its page does. */
    @POST
    @Path("seen/{doc}")
    public JsonObject seen(@PathParam("doc") long doc) {
        int marked = comments.markSeen(directory.resolve(token), doc);
        return JSON.createObjectBuilder().add("doc", doc).add("marked", marked).build();
    }
}
