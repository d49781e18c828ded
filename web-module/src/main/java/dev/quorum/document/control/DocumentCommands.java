package dev.quorum.document.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.MessageFrames;
import dev.quorum.routing.control.RoomCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * The document messages on a connection. {@code doc.open} follows the document's room first and reads
 * the text after, so no operation committed meanwhile is missed: the client skips those its text already
 * holds (revision at most the one it got). {@code doc.op} is one call on {@link Documents}.
 */
@ApplicationScoped
public class DocumentCommands {

    @Inject
    Documents documents;

    @Inject
    RoomCommands rooms;

    @Inject
    DocumentLocks locks;

    @Inject
    GroupCommit groupCommit;

    public void open(LiveConnection connection, String replyTo, DocumentCommand.Open open) {
        long room = documents.open(connection.identity(), open.doc()).room();
        long followedFrom = rooms.follow(connection, room);
        DocumentView document = documents.open(connection.identity(), open.doc());
        connection.sendControl(MessageFrames.envelope(
                "doc.opened",
                replyTo,
                JSON.createObjectBuilder()
                        .add("doc", document.id())
                        .add("title", document.title())
                        .add("kind", document.kind())
                        .add("status", document.status())
                        .add("room", document.room())
                        // the room's messages after this sequence arrive on the connection: resume from it
                        .add("seq", followedFrom)
                        .add("revision", document.revision())
                        .add("content", document.content())
                        .add("locks", lockArray(locks.list(document.id())))));
    }

    public void lock(LiveConnection connection, String replyTo, DocumentCommand.Lock lock) {
        DocumentLocks.LockView taken = locks.acquire(connection.identity(), lock);
        connection.sendControl(MessageFrames.envelope("doc.locked", replyTo, lockJson(taken)));
    }

    public void renew(LiveConnection connection, String replyTo, DocumentCommand.LockChange change) {
        DocumentLocks.LockView renewed =
                locks.renew(connection.identity(), change.doc(), change.lock(), change.seconds());
        connection.sendControl(MessageFrames.envelope("doc.lock.renewed", replyTo, lockJson(renewed)));
    }

    public void unlock(LiveConnection connection, String replyTo, DocumentCommand.LockChange change) {
        locks.release(connection.identity(), change.doc(), change.lock());
        connection.sendControl(MessageFrames.envelope(
                "doc.unlocked",
                replyTo,
                JSON.createObjectBuilder().add("doc", change.doc()).add("lock", change.lock())));
    }

    private static JsonArrayBuilder lockArray(List<DocumentLocks.LockView> views) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        views.forEach(view -> array.add(lockJson(view)));
        return array;
    }

    private static JsonObjectBuilder lockJson(DocumentLocks.LockView lock) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("doc", lock.doc())
                .add("id", lock.id())
                .add("holder", lock.holder())
                .add("reason", lock.reason())
                .add("expiresAt", lock.expiresAt().toString());
        if (lock.start() != null) {
            json.add("start", lock.start()).add("end", lock.end());
        }
        return json;
    }

    public void submit(
            LiveConnection connection,
            String replyTo,
            DocumentCommand.Submit submit,
            String source,
            long receivedNanos) {
        Documents.Committed committed = groupCommit.submit(connection.identity(), submit, source, receivedNanos);
        connection.sendControl(MessageFrames.envelope(
                "doc.ack",
                replyTo,
                JSON.createObjectBuilder()
                        .add("doc", committed.doc())
                        .add("id", submit.clientId())
                        .add("revision", committed.revision())
                        .add("duplicate", committed.duplicate())));
    }
}
