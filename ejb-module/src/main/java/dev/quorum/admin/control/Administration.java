package dev.quorum.admin.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.notice.control.Notices;
import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.control.RoomAccess;
import dev.quorum.room.control.RoomAccess.RoomView;
import dev.quorum.routing.control.MemberDisconnected;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.OrganizationNotice;
import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.PublishResult;
import dev.quorum.routing.control.RoomAccessRevoked;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An organization's administration: each call is one transaction that makes the change, writes its audit
 * record and fires the events that reach connections once it commits. The caller is an admin of the
 * organization (checked at the boundary); nothing here reaches beyond it.
 */
@Stateless
@DatabaseGuarded
public class Administration {

    @Inject
    RoomAccess access;

    @Inject
    MessageLog log;

    @Inject
    MemberDirectory directory;

    @Inject
    Event<AdminAction> actions;

    @Inject
    Event<OrganizationNotice> notices;

    @Inject
    Notices keptNotices;

    @Inject
    Event<RoomAccessRevoked> revocations;

    @Inject
    Event<MemberDisconnected> disconnections;

    @Inject
    Event<ContentSubmitted> contents;

    /** A persisted, sequenced chat message from the admin to one room; answers its sequence. */
    public long broadcastToRoom(MemberIdentity admin, long room, Priority priority, String text, String source) {
        access.authorize(admin, room);
        text = screened(admin, room, text, source);
        PublishResult result = log.append(
                room,
                admin.memberId(),
                "admin-" + UUID.randomUUID(),
                priority,
                "chat",
                JSON.createObjectBuilder().add("text", text).build().toString());
        actions.fire(new AdminAction(
                Origin.of(admin, source), "admin.broadcast.room", "room:" + room, broadcastDetail(priority, text)));
        return result.message().sequence();
    }

    /** A notice to every open connection of the organization, on every node; kept for those who were away. */
    public void broadcastToOrganization(MemberIdentity admin, Priority priority, String text, String source) {
        text = screened(admin, null, text, source);
        actions.fire(new AdminAction(
                Origin.of(admin, source),
                "admin.broadcast.organization",
                "organization:" + admin.organization(),
                broadcastDetail(priority, text)));
        long kept = keptNotices.keep(admin.organizationId(), priority, text, admin.memberId());
        notices.fire(new OrganizationNotice(
                kept, admin.organizationId(), priority, text, admin.subject(), admin.displayName(), Instant.now()));
    }

    public RoomView createRoom(
            MemberIdentity admin,
            String kind,
            String name,
            String accessRule,
            String accessRoles,
            boolean confidential,
            String source) {
        RoomView created = access.create(admin, kind, name, accessRule, accessRoles);
        if (confidential) {
            access.markConfidential(admin, created.id(), true);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", created.name());
        detail.put("kind", created.kind());
        detail.put("confidential", confidential);
        actions.fire(new AdminAction(Origin.of(admin, source), "admin.room.create", "room:" + created.id(), detail));
        return created;
    }

    /**
     * Marks a room confidential (its messages are stored sealed from now on, and the earlier ones are sealed in
     * the background) or no longer (new messages in clear; the sealed ones stay sealed).
     */
    public void markConfidential(MemberIdentity admin, long room, boolean confidential, String source) {
        access.markConfidential(admin, room, confidential);
        actions.fire(new AdminAction(
                Origin.of(admin, source),
                "admin.room.confidential",
                "room:" + room,
                Map.of("confidential", confidential)));
    }

    public void addMember(MemberIdentity admin, long room, String member, String source) {
        access.addMember(admin, room, memberId(admin, member));
        actions.fire(new AdminAction(
                Origin.of(admin, source), "admin.room.member.add", "room:" + room + "/member:" + member, Map.of()));
    }

    /** Removes the member from the room; once committed their open connections lose it on every node. */
    public void removeMember(MemberIdentity admin, long room, String member, String source) {
        if (access.removeMember(admin, room, memberId(admin, member))) {
            revocations.fire(new RoomAccessRevoked(room, member));
        }
        actions.fire(new AdminAction(
                Origin.of(admin, source), "admin.room.member.remove", "room:" + room + "/member:" + member, Map.of()));
    }

    /** Ends every session of the member, on every node, once the audit record committed. */
    public void disconnect(MemberIdentity admin, String member, String source) {
        memberId(admin, member);
        actions.fire(new AdminAction(Origin.of(admin, source), "admin.disconnect", "member:" + member, Map.of()));
        disconnections.fire(new MemberDisconnected(admin.organizationId(), member));
    }

    /** The member must exist in the admin's own organization: nothing about other tenants is reachable. */
    private long memberId(MemberIdentity admin, String member) {
        return directory
                .find(admin.organization(), member)
                .orElseThrow(() -> new QuorumException(QuorumError.MEMBER_UNKNOWN))
                .getId();
    }

    /** The text as the content observers (compliance) let it be sent: refused, masked, or as it was. */
    private String screened(MemberIdentity admin, Long room, String text, String source) {
        ContentSubmitted content = new ContentSubmitted(Origin.of(admin, source), "broadcast", room, null, text, true);
        contents.fire(content);
        return content.text();
    }

    private static Map<String, Object> broadcastDetail(Priority priority, String text) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("priority", priority.wireName());
        detail.put("text", text);
        return detail;
    }
}
