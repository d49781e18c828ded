package dev.quorum.routing.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.control.RoomAccess;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.Set;

/**
 * Chat into rooms and between two members: one transaction each, announced by {@link MessageCommitted}.
 * The caller checked what only a connection knows (that it joined the room, its rate limit).
 */
@Stateless
@DatabaseGuarded
public class RoomPublishing {

    @Inject
    MessageLog log;

    @Inject
    RoomAccess access;

    @Inject
    MemberDirectory directory;

    @Inject
    Event<ContentSubmitted> contents;

    /** A chat message to a room the sender joined; a retried client id answers the original. */
    public PublishResult publish(MemberIdentity sender, RoomCommand.Publish chat, long receivedNanos) {
        String payload = screened(sender, "chat", chat.room(), chat.payloadJson());
        return log.append(
                chat.room(),
                sender.memberId(),
                chat.clientId(),
                chat.priority(),
                "chat",
                payload,
                Audience.room(),
                receivedNanos);
    }

    /** A chat message to one active member of the sender's organization, through the pair's direct room. */
    public PublishResult direct(MemberIdentity sender, RoomCommand.Direct chat, long receivedNanos) {
        if (chat.to().equals(sender.subject())) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "A direct message goes to someone else.");
        }
        Member recipient = directory
                .find(sender.organization(), chat.to())
                .filter(Member::isActive)
                .orElseThrow(() -> new QuorumException(QuorumError.MEMBER_UNKNOWN));
        long room = access.directRoom(sender, recipient.getId(), chat.to());
        String payload = screened(sender, "direct", room, chat.payloadJson());
        return log.append(
                room,
                sender.memberId(),
                chat.clientId(),
                chat.priority(),
                "chat",
                payload,
                Audience.direct(sender.organizationId(), Set.of(sender.subject(), chat.to())),
                receivedNanos);
    }

    /**
     * The chat payload {@code {"text": ...}} as it may be stored: passed to the content observers (compliance),
     * which may refuse it or mask parts of it.
     */
    private String screened(MemberIdentity sender, String source, long room, String payloadJson) {
        String text =
                JSON.createReader(new StringReader(payloadJson)).readObject().getString("text");
        ContentSubmitted content = new ContentSubmitted(Origin.of(sender, source), source, room, null, text, true);
        contents.fire(content);
        return content.text().equals(text)
                ? payloadJson
                : JSON.createObjectBuilder().add("text", content.text()).build().toString();
    }
}
