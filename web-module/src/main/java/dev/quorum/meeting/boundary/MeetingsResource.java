package dev.quorum.meeting.boundary;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.MeetingCommand.GrantProxy;
import dev.quorum.meeting.control.MeetingDefaults;
import dev.quorum.meeting.control.MeetingFlow;
import dev.quorum.meeting.control.MeetingStates;
import dev.quorum.meeting.control.MeetingStates.MeetingState;
import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Meetings.NewMeeting;
import dev.quorum.meeting.control.Minutes;
import dev.quorum.meeting.control.MotionQueries;
import dev.quorum.meeting.control.Proxies;
import dev.quorum.meeting.control.Proxies.ProxyView;
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
import jakarta.ws.rs.GET;
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
 * Meeting management: secretaries and chairs create meetings with agenda and participants; participants
 * read a meeting's state and minutes, and manage their proxies. The live flow is on the WebSocket.
 */
@Path("meetings")
@RequestScoped
@RolesAllowed({"member", "secretary", "chair", "compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class MeetingsResource {

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    Meetings meetings;

    @Inject
    MotionQueries queries;

    @Inject
    Minutes minutes;

    @Inject
    Proxies proxies;

    @Inject
    MeetingStates states;

    @Inject
    MeetingFlow flow;

    @Inject
    MeetingDefaults meetingDefaults;

    @Context
    HttpServletRequest request;

    public record Minute(long motion, String text) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        MemberIdentity actor = actor();
        MeetingRef created = flow.schedule(actor, NewMeeting.decode(Fields.of(body)), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED)
                .entity(states.state(actor, created.id()))
                .build();
    }

    /** The organization's defaults for new meetings, which the scheduling form starts from. */
    @GET
    @Path("defaults")
    public List<MeetingDefaults.Defaults> defaults() {
        return meetingDefaults.forOrganizer(actor());
    }

    @GET
    public List<MeetingRef> list() {
        return meetings.list(actor());
    }

    @GET
    @Path("{meeting}")
    public MeetingState state(@PathParam("meeting") long meeting) {
        return states.state(actor(), meeting);
    }

    @GET
    @Path("{meeting}/motions/{motion}/minute")
    public Minute minute(@PathParam("meeting") long meeting, @PathParam("motion") long motion) {
        MemberIdentity actor = actor();
        if (queries.motion(actor, motion).meeting() != meeting) {
            throw new QuorumException(QuorumError.MOTION_NOT_FOUND);
        }
        return new Minute(motion, minutes.minute(actor, motion));
    }

    @GET
    @Path("{meeting}/proxies")
    public List<ProxyView> proxies(@PathParam("meeting") long meeting) {
        return proxies.list(actor(), meeting);
    }

    @POST
    @Path("{meeting}/proxies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("meeting") long meeting, JsonObject body) {
        GrantProxy proxy = GrantProxy.decode(Fields.of(body));
        MemberIdentity actor = actor();
        ProxyView granted = flow.grantProxy(
                actor, meeting, proxy.holder(), proxy.motion(), proxy.choice(), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED).entity(granted).build();
    }

    @DELETE
    @Path("{meeting}/proxies/{proxy}")
    public ProxyView revoke(@PathParam("meeting") long meeting, @PathParam("proxy") long proxy) {
        MemberIdentity actor = actor();
        return flow.revokeProxy(actor, meeting, proxy, request.getRemoteAddr());
    }

    private MemberIdentity actor() {
        return directory.resolve(token);
    }
}
