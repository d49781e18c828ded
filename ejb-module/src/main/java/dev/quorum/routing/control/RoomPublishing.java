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
import java.util.ArrayList;
import java.util.List;
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
        Outcome outcome = publishAll(chat.room(), List.of(new Publication(sender, chat, receivedNanos)))
                .get(0);
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.result();
    }

    /** A chat message to publish, as it arrived. */
    public record Publication(MemberIdentity sender, RoomCommand.Publish chat, long receivedNanos) {}

    /** What became of one publication: stored (or found as the original of a retry), or refused. */
    public record Outcome(PublishResult result, QuorumException refusal) {}

    /**
     * Chat messages to one room, in one transaction: each is screened on its own (a refused one is answered
     * as refused and the others are stored), then all are appended under one lock of the room. A failure of
     * the database fails them all: nothing of the transaction is stored.
     */
    public List<Outcome> publishAll(long room, List<Publication> publications) {
        Outcome[] outcomes = new Outcome[publications.size()];
        List<MessageLog.Append> appends = new ArrayList<>();
        List<Integer> appended = new ArrayList<>();
        for (int i = 0; i < publications.size(); i++) {
            Publication publication = publications.get(i);
            RoomCommand.Publish chat = publication.chat();
            if (chat.room() != room) {
                throw new IllegalArgumentException("a publication to room " + chat.room() + " in room " + room);
            }
            try {
                String payload = screened(publication.sender(), "chat", room, chat.payloadJson());
                appends.add(new MessageLog.Append(
                        publication.sender().memberId(),
                        chat.clientId(),
                        chat.priority(),
                        "chat",
                        payload,
                        Audience.room(),
                        publication.receivedNanos()));
                appended.add(i);
            } catch (QuorumException refused) {
                outcomes[i] = new Outcome(null, refused);
            }
        }
        if (!appends.isEmpty()) {
            List<PublishResult> results = log.appendAll(room, appends);
            for (int k = 0; k < results.size(); k++) {
                outcomes[appended.get(k)] = new Outcome(results.get(k), null);
            }
        }
        return List.of(outcomes);
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
