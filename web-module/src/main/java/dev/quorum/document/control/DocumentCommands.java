package dev.quorum.document.control;

import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.MessageFrames;
import dev.quorum.routing.control.RoomCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

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

    public void open(LiveConnection connection, String replyTo, DocumentCommand.Open open) {
        long room = documents.open(connection.identity(), open.doc()).room();
        rooms.follow(connection, room);
        DocumentView document = documents.open(connection.identity(), open.doc());
        connection.sendControl(MessageFrames.envelope(
                "doc.opened",
                replyTo,
                Json.createObjectBuilder()
                        .add("doc", document.id())
                        .add("title", document.title())
                        .add("kind", document.kind())
                        .add("status", document.status())
                        .add("room", document.room())
                        .add("revision", document.revision())
                        .add("content", document.content())));
    }

    public void submit(
            LiveConnection connection,
            String replyTo,
            DocumentCommand.Submit submit,
            String source,
            long receivedNanos) {
        Documents.Committed committed = documents.submit(connection.identity(), submit, source, receivedNanos);
        connection.sendControl(MessageFrames.envelope(
                "doc.ack",
                replyTo,
                Json.createObjectBuilder()
                        .add("doc", committed.doc())
                        .add("id", submit.clientId())
                        .add("revision", committed.revision())
                        .add("duplicate", committed.duplicate())));
    }
}
