package dev.quorum.room.boundary;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.presence.control.PresenceTracker;
import dev.quorum.room.control.RoomAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The rooms of the caller's organization that the caller may enter. */
@Path("rooms")
@RequestScoped
public class RoomsResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    RoomAccess access;

    @Inject
    PresenceTracker presence;

    /** A room with how many members are in it now, on any node. */
    public record RoomSummary(long id, String name, String kind, long lastSequence, int online) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
    public List<RoomSummary> rooms() {
        return access.visibleRooms(directory.resolve(token)).stream()
                .map(room -> new RoomSummary(
                        room.id(),
                        room.name(),
                        room.kind(),
                        room.lastSequence(),
                        presence.present(room.id()).size()))
                .toList();
    }
}
