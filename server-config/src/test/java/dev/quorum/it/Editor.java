package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quorum.document.control.ClientDocument;
import dev.quorum.document.control.TextOperation;
import dev.quorum.document.control.TextOperationJson;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated editor: the client half of collaborative editing as a ShareDB client keeps it. Local edits
 * apply at once; one operation at a time is in flight, later ones wait composed; an operation from
 * another editor is transformed against both before it applies. Its own operation coming back through
 * the document's room ends the flight. After a dropped connection it resumes the room where it stopped and
 * sends its operation in flight again under the same id: the server never applies it twice.
 */
final class Editor implements AutoCloseable {

    private final URI ws;
    private final String member;
    private final String token;
    private final long doc;
    private final Random random;
    private QuorumClient client;
    private long room;
    private long lastSeq;
    private int counter;

    private ClientDocument copy;
    private String inflightId;
    final List<String> failures = new ArrayList<>();
    /** Operations of others that arrived while one of this editor's own was in flight or waiting. */
    int crossings;

    Editor(URI ws, String member, long doc, long seed) {
        this.ws = ws;
        this.member = member;
        this.token = Tokens.valid("acme", member, "member");
        this.doc = doc;
        this.random = new Random(seed);
    }

    /** Opens the document: its text and revision, and its room's operations from then on. */
    Editor open() {
        client = QuorumClient.withToken(ws, token);
        client.welcome();
        client.send("{\"type\":\"doc.open\",\"id\":\"open\",\"data\":{\"doc\":" + doc + "}}");
        List<JsonObject> early = new ArrayList<>();
        JsonObject opened;
        while (true) {
            JsonObject frame = client.next();
            if (frame.getString("type").equals("doc.opened")) {
                opened = frame.getJsonObject("data");
                break;
            }
            early.add(frame);
        }
        room = opened.getJsonNumber("room").longValue();
        copy = new ClientDocument(
                opened.getString("content"), opened.getJsonNumber("revision").longValue());
        early.forEach(this::handle);
        return this;
    }

    /** A random edit of the local text, sent when nothing else is in flight. */
    void edit() {
        send(copy.edit(RandomEdits.operation(random, copy.text())));
    }

    String text() {
        return copy.text();
    }

    long revision() {
        return copy.revision();
    }

    /** Handles whatever the server sent meanwhile. */
    void receive() {
        for (JsonObject frame = client.poll(Duration.ZERO); frame != null; frame = client.poll(Duration.ZERO)) {
            handle(frame);
        }
    }

    /** Waits up to the given time for the next frame and handles it; false when none came. */
    boolean receive(Duration wait) {
        JsonObject frame = client.poll(wait);
        if (frame == null) {
            return false;
        }
        handle(frame);
        receive();
        return true;
    }

    boolean settled() {
        return copy.settled();
    }

    /** Drops the connection (as a network would), reconnects, resumes the room and resends what was in flight. */
    void reconnect() {
        client.close();
        client = QuorumClient.withToken(ws, token);
        client.welcome();
        client.send("{\"type\":\"resume\",\"id\":\"resume\",\"data\":{\"room\":" + room + ",\"afterSeq\":" + lastSeq
                + "}}");
        ClientDocument.Outgoing again = copy.inflight();
        if (again != null) {
            sendOperation(again, inflightId);
        }
    }

    /** Sends a new operation in flight under a new id; nothing when there is none to send. */
    private void send(ClientDocument.Outgoing outgoing) {
        if (outgoing != null) {
            inflightId = member + "-" + counter++;
            sendOperation(outgoing, inflightId);
        }
    }

    private void sendOperation(ClientDocument.Outgoing outgoing, String id) {
        client.send("{\"type\":\"doc.op\",\"id\":\"" + id + "\",\"data\":{\"doc\":" + doc + ",\"baseRevision\":"
                + outgoing.baseRevision() + ",\"id\":\"" + id + "\",\"op\":" + TextOperationJson.encode(outgoing.op())
                + "}}");
    }

    private void handle(JsonObject frame) {
        String type = frame.getString("type");
        if (type.equals("error") || type.equals("reset") || type.equals("gap")) {
            failures.add(member + ": " + frame);
            return;
        }
        if (!type.equals("message")) {
            return; // doc.ack (the operation's return through the room is what counts), presence, resumed
        }
        JsonObject data = frame.getJsonObject("data");
        if (data.getJsonNumber("room").longValue() != room) {
            return;
        }
        lastSeq = data.getJsonNumber("seq").longValue();
        JsonObject operation = data.getJsonObject("data");
        boolean mine = data.getJsonObject("sender").getString("id").equals(member)
                && operation.getString("id").equals(inflightId);
        try {
            ClientDocument.Received received = copy.receive(
                    operation.getJsonNumber("revision").longValue(),
                    mine
                            ? TextOperation.noop()
                            : TextOperationJson.decode("op", operation.get("op"), Integer.MAX_VALUE),
                    mine);
            if (received.crossed()) {
                crossings++;
            }
            send(received.send());
        } catch (IllegalStateException lost) {
            failures.add(member + ": " + lost.getMessage());
        }
    }

    /** The document's room, which carries its operations and its editors' cursors. */
    long room() {
        return room;
    }

    /** Sends a raw frame. */
    void send(String frame) {
        client.send(frame);
    }

    /** The next frame of the given type, skipping others. */
    JsonObject next(String type) {
        while (true) {
            JsonObject frame = client.next();
            if (frame.getString("type").equals(type)) {
                return frame;
            }
        }
    }

    /** Sends a request of any type and answers the server's reply to it. */
    JsonObject request(String id, String type, String data) {
        client.send("{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"data\":" + data + "}");
        while (true) {
            JsonObject frame = client.next();
            if (id.equals(frame.getString("replyTo", null))) {
                return frame;
            }
        }
    }

    /** Sends one raw doc.op and answers the server's reply to it. */
    JsonObject submitRaw(String id, long base, String op) {
        client.send("{\"type\":\"doc.op\",\"id\":\"" + id + "\",\"data\":{\"doc\":" + doc + ",\"baseRevision\":" + base
                + ",\"id\":\"" + id + "\",\"op\":" + op + "}}");
        while (true) {
            JsonObject frame = client.next();
            if (id.equals(frame.getString("replyTo", null))) {
                return frame;
            }
        }
    }

    void assertNoFailures() {
        assertEquals(List.of(), failures);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
