package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quorum.document.control.TextOperation;
import dev.quorum.document.control.TextOperation.Side;
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

    String text;
    long revision;
    private TextOperation inflight;
    private String inflightId;
    private long inflightBase;
    private TextOperation pending;
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
        text = opened.getString("content");
        revision = opened.getJsonNumber("revision").longValue();
        early.forEach(this::handle);
        return this;
    }

    /** A random edit of the local text, sent when nothing else is in flight. */
    void edit() {
        TextOperation edit = RandomEdits.operation(random, text);
        text = edit.apply(text);
        pending = pending == null ? edit : pending.compose(edit);
        flush();
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
        return inflight == null && pending == null;
    }

    /** Drops the connection (as a network would), reconnects, resumes the room and resends what was in flight. */
    void reconnect() {
        client.close();
        client = QuorumClient.withToken(ws, token);
        client.welcome();
        client.send("{\"type\":\"resume\",\"id\":\"resume\",\"data\":{\"room\":" + room + ",\"afterSeq\":" + lastSeq
                + "}}");
        if (inflight != null) {
            send(inflight, inflightBase, inflightId);
        }
    }

    private void flush() {
        if (inflight == null && pending != null) {
            inflight = pending;
            pending = null;
            inflightBase = revision;
            inflightId = member + "-" + counter++;
            send(inflight, inflightBase, inflightId);
        }
    }

    private void send(TextOperation operation, long base, String id) {
        client.send("{\"type\":\"doc.op\",\"id\":\"" + id + "\",\"data\":{\"doc\":" + doc + ",\"baseRevision\":" + base
                + ",\"id\":\"" + id + "\",\"op\":" + TextOperationJson.encode(operation) + "}}");
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
        long committed = operation.getJsonNumber("revision").longValue();
        if (committed <= revision) {
            return; // already in the text this editor opened
        }
        if (committed != revision + 1) {
            failures.add(member + ": revision " + committed + " arrived at revision " + revision);
            return;
        }
        boolean mine = data.getJsonObject("sender").getString("id").equals(member)
                && operation.getString("id").equals(inflightId);
        if (mine) {
            inflight = null;
            revision = committed;
            flush();
            return;
        }
        TextOperation theirs = TextOperationJson.decode("op", operation.get("op"), Integer.MAX_VALUE);
        if (inflight != null || pending != null) {
            crossings++;
        }
        if (inflight != null) {
            TextOperation mineAfter = inflight.transform(theirs, Side.LEFT);
            theirs = theirs.transform(inflight, Side.RIGHT);
            inflight = mineAfter;
        }
        if (pending != null) {
            TextOperation pendingAfter = pending.transform(theirs, Side.LEFT);
            theirs = theirs.transform(pending, Side.RIGHT);
            pending = pendingAfter;
        }
        text = theirs.apply(text);
        revision = committed;
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
