package dev.quorum.routing.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.platform.control.AfterCommit;
import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.control.RoomAccess;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
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

    // @EJB, not @Inject, on this hot path: through Weld's proxy every call makes Payara throw and catch an
    // IllegalArgumentException ("not a proxy instance"), a full stack trace each time
    @EJB
    MessageLog log;

    @Inject
    RoomAccess access;

    @Inject
    MemberDirectory directory;

    @Inject
    Event<ContentSubmitted> contents;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** A chat message to a room the sender joined; a retried client id answers the original. */
    public PublishResult publish(MemberIdentity sender, RoomCommand.Publish chat, long receivedNanos) {
        return publishAll(chat.room(), List.of(new Publication(sender, chat, receivedNanos, screen(sender, chat))))
                .get(0);
    }

    /** A chat message's payload as it may be stored, and what its checks do once it is. */
    public record Screened(String payloadJson, List<Runnable> onceStored) {}

    /**
     * Checks a chat message before the transaction that stores it (compliance may refuse it, or have it
     * stored masked): done by each publisher's own thread, so that a room's batch is not checked one
     * message after the other on the thread that stores it.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Screened screen(MemberIdentity sender, RoomCommand.Publish chat) {
        return screened(sender, "chat", chat.room(), chat.payloadJson(), true);
    }

    /** A screened chat message to publish, as it arrived. */
    public record Publication(MemberIdentity sender, RoomCommand.Publish chat, long receivedNanos, Screened screened) {}

    /**
     * Screened chat messages to one room, in one transaction, appended under one lock of the room. A failure
     * of the database fails them all: nothing of the transaction is stored.
     */
    public List<PublishResult> publishAll(long room, List<Publication> publications) {
        List<MessageLog.Append> appends = new ArrayList<>();
        List<Runnable> onceStored = new ArrayList<>();
        for (Publication publication : publications) {
            RoomCommand.Publish chat = publication.chat();
            if (chat.room() != room) {
                throw new IllegalArgumentException("a publication to room " + chat.room() + " in room " + room);
            }
            appends.add(new MessageLog.Append(
                    publication.sender().memberId(),
                    chat.clientId(),
                    chat.priority(),
                    "chat",
                    publication.screened().payloadJson(),
                    Audience.room(),
                    publication.receivedNanos()));
            onceStored.addAll(publication.screened().onceStored());
        }
        if (!onceStored.isEmpty()) {
            AfterCommit.run(transactions, () -> onceStored.forEach(Runnable::run));
        }
        return log.appendAll(room, appends);
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
        String payload =
                screened(sender, "direct", room, chat.payloadJson(), false).payloadJson();
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
     * which may refuse it or mask parts of it; checked ahead, outside the transaction that stores it.
     */
    private Screened screened(MemberIdentity sender, String source, long room, String payloadJson, boolean ahead) {
        String text =
                JSON.createReader(new StringReader(payloadJson)).readObject().getString("text");
        ContentSubmitted content = new ContentSubmitted(Origin.of(sender, source), source, room, null, text, true);
        contents.fire(ahead ? content.checkedAhead() : content);
        String payload = content.text().equals(text)
                ? payloadJson
                : JSON.createObjectBuilder().add("text", content.text()).build().toString();
        return new Screened(payload, content.whatRunsOnceStored());
    }
}
