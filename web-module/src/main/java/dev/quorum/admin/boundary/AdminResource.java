package dev.quorum.admin.boundary;

import dev.quorum.admin.control.AdminCommand.Broadcast;
import dev.quorum.admin.control.AdminCommand.NewRoom;
import dev.quorum.admin.control.Administration;
import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.RoutingMetrics;
import dev.quorum.encryption.control.EncryptionAdministration;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.MeetingDefaults;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.presence.control.PresenceTracker;
import dev.quorum.room.control.RoomAccess;
import dev.quorum.routing.control.MessageLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The administration API of an organization, for its `admin` members only and never beyond their own
 * organization: statistics, rooms with who is online, broadcasts, and disconnecting a member. Every
 * action that changes something is audited.
 */
@Path("admin")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    RoomAccess access;

    @Inject
    MessageLog log;

    @Inject
    Administration administration;

    @Inject
    ConnectionRegistry registry;

    @Inject
    PresenceTracker presence;

    @Inject
    RoutingMetrics routingMetrics;

    @Inject
    EncryptionAdministration encryption;

    @Inject
    MeetingDefaults meetingDefaults;

    @Context
    HttpServletRequest request;

    public record Statistics(
            String organization,
            String node,
            int connections,
            int rooms,
            double messagesPerSecond,
            int queuedFrames,
            int deepestQueue,
            RoutingMetrics.Latency latency) {}

    public record Online(String id, String displayName, Instant since, String status) {}

    /** A room of the organization; {@code enterable}: the admin may enter it (and broadcast into it). */
    public record RoomStatus(
            long id, String name, String kind, boolean enterable, long lastSequence, List<Online> online) {}

    public record Sent(String scope, Long room, Long sequence) {}

    public record Disconnected(String member, int connectionsOnThisNode) {}

    /** This node's figures for the caller's organization; rooms and message rates are cluster-wide. */
    @GET
    @Path("stats")
    public Statistics statistics() {
        MemberIdentity admin = admin();
        List<LiveConnection> connections = registry.all().stream()
                .filter(c -> c.identity().organizationId() == admin.organizationId())
                .toList();
        int[] depths = connections.stream().mapToInt(LiveConnection::queueDepth).toArray();
        return new Statistics(
                admin.organization(),
                System.getProperty("com.sun.aas.instanceName", "local"),
                connections.size(),
                access.organizationRooms(admin).size(),
                log.countSince(admin.organizationId(), 10) / 10.0,
                java.util.Arrays.stream(depths).sum(),
                java.util.Arrays.stream(depths).max().orElse(0),
                routingMetrics.latency());
    }

    @GET
    @Path("rooms")
    public List<RoomStatus> rooms() {
        MemberIdentity admin = admin();
        return access.organizationRooms(admin).stream()
                .map(entry -> new RoomStatus(
                        entry.room().id(),
                        entry.room().name(),
                        entry.room().kind(),
                        entry.enterable(),
                        entry.room().lastSequence(),
                        presence.present(entry.room().id()).stream()
                                .map(p -> new Online(p.member(), p.displayName(), p.since(), p.status()))
                                .toList()))
                .toList();
    }

    /** To one room (persisted, sequenced, from the admin) or to every connection of the organization. */
    @POST
    @Path("broadcast")
    @Consumes(MediaType.APPLICATION_JSON)
    public Sent broadcast(JsonObject body) {
        MemberIdentity admin = admin();
        Broadcast broadcast = Broadcast.decode(Fields.of(body));
        if (broadcast.room() != null) {
            long sequence = administration.broadcastToRoom(
                    admin, broadcast.room(), broadcast.priority(), broadcast.text(), request.getRemoteAddr());
            return new Sent("room", broadcast.room(), sequence);
        }
        administration.broadcastToOrganization(admin, broadcast.priority(), broadcast.text(), request.getRemoteAddr());
        return new Sent("organization", null, null);
    }

    @POST
    @Path("rooms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createRoom(JsonObject body) {
        MemberIdentity admin = admin();
        NewRoom room = NewRoom.decode(Fields.of(body));
        RoomAccess.RoomView created = administration.createRoom(
                admin,
                room.kind(),
                room.name(),
                room.accessRule(),
                room.accessRoles(),
                room.confidential(),
                request.getRemoteAddr());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /** What new board and member meetings start with when their organizer leaves it out. */
    @GET
    @Path("meeting-defaults")
    public List<MeetingDefaults.Defaults> meetingDefaults() {
        return meetingDefaults.all(admin());
    }

    /** {@code {"quorumRule": "weight_percent", "quorumValue": 25, "agenda": ["Apologies", ...]}} */
    @PUT
    @Path("meeting-defaults/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MeetingDefaults.Defaults setMeetingDefaults(@PathParam("kind") String kind, JsonObject body) {
        MemberIdentity admin = admin();
        return meetingDefaults.update(
                admin, MeetingDefaults.Defaults.decode(kind, Fields.of(body)), request.getRemoteAddr());
    }

    /** {@code {"confidential": true}}: the room's messages are stored sealed (see README, Encryption at rest). */
    @PUT
    @Path("rooms/{room}/confidential")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response markConfidential(@PathParam("room") long room, JsonObject body) {
        administration.markConfidential(admin(), room, Fields.of(body).flag("confidential"), request.getRemoteAddr());
        return Response.noContent().build();
    }

    /** The organization's key: its primary key, whether older keys await re-encryption, what is sealed. */
    @GET
    @Path("encryption")
    public EncryptionAdministration.Status encryption() {
        return encryption.status(admin());
    }

    /** A new primary key; content sealed by the older ones is sealed again in the background, then they go. */
    @POST
    @Path("encryption/rotate")
    public EncryptionAdministration.Status rotate() {
        return encryption.rotate(admin(), request.getRemoteAddr());
    }

    @PUT
    @Path("rooms/{room}/members/{member}")
    public Response addMember(@PathParam("room") long room, @PathParam("member") String member) {
        MemberIdentity admin = admin();
        administration.addMember(admin, room, memberParameter(member), request.getRemoteAddr());
        return Response.noContent().build();
    }

    /** Removes the member from the room; their open connections lose the room at once, on every node. */
    @DELETE
    @Path("rooms/{room}/members/{member}")
    public Response removeMember(@PathParam("room") long room, @PathParam("member") String member) {
        MemberIdentity admin = admin();
        administration.removeMember(admin, room, memberParameter(member), request.getRemoteAddr());
        return Response.noContent().build();
    }

    @POST
    @Path("members/{member}/disconnect")
    public Disconnected disconnect(@PathParam("member") String member) {
        MemberIdentity admin = admin();
        Fields.parameter("member", member, 200);
        long onThisNode = registry.all().stream()
                .filter(c -> c.identity().organizationId() == admin.organizationId()
                        && c.identity().subject().equals(member))
                .count();
        administration.disconnect(admin, member, request.getRemoteAddr());
        int closed = (int) onThisNode;
        return new Disconnected(member, closed);
    }

    private static String memberParameter(String member) {
        return Fields.parameter("member", member, 200);
    }

    private MemberIdentity admin() {
        MemberIdentity identity = directory.resolve(token);
        if (!identity.hasRole("admin")) {
            throw new QuorumException(QuorumError.FORBIDDEN);
        }
        return identity;
    }
}
