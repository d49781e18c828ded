package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that speaks Quorum's protocol and records what it receives. */
public final class QuorumClient implements AutoCloseable {

    private static final HttpClient HTTP = QuorumIT.HTTP;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean paused;
    private boolean owed;

    private QuorumClient(URI uri, String bearer) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        socket = builder.buildAsync(uri, new Listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    public static QuorumClient withToken(URI ws, String token) {
        return new QuorumClient(ws, token);
    }

    public static QuorumClient withTicket(URI ws, String ticket) {
        return new QuorumClient(URI.create(ws + "?ticket=" + ticket), null);
    }

    /** The next message from the server, failing the test if none comes in time. */
    public JsonObject next() {
        try {
            JsonObject message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(message, "no message from the server within " + WAIT);
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next message, which must be of the given type. Presence and typing events, which come whenever
     * others join, leave or type, are skipped unless they are what is asked for.
     */
    public JsonObject next(String type) {
        while (true) {
            JsonObject message = next();
            String actual = message.getString("type");
            if (!actual.equals(type) && (actual.startsWith("presence.") || actual.equals("typing"))) {
                continue;
            }
            assertEquals(type, actual, () -> "unexpected message " + message);
            return message;
        }
    }

    /**
     * The member as the next {@code presence.changed} that lists them under {@code joined}, {@code status}
     * or {@code left} describes them; presence changes of others and typing are skipped.
     */
    public JsonObject presenceChange(String list, String member) {
        while (true) {
            JsonObject data = next("presence.changed").getJsonObject("data");
            for (JsonObject entry : data.getJsonArray(list).getValuesAs(JsonObject.class)) {
                if (entry.getString("id").equals(member)) {
                    return entry;
                }
            }
        }
    }

    public JsonObject welcome() {
        return next("welcome").getJsonObject("data");
    }

    /** Publishes a chat message and answers the server's reply to it (ack or error), skipping other frames. */
    public JsonObject publishChat(long room, String text) {
        String id = java.util.UUID.randomUUID().toString();
        send("{\"type\":\"publish\",\"id\":\"" + id + "\",\"data\":{\"room\":" + room + ",\"id\":\"" + id
                + "\",\"type\":\"chat\",\"data\":{\"text\":" + jakarta.json.Json.createValue(text) + "}}}");
        while (true) {
            JsonObject frame = next();
            if (id.equals(frame.getString("replyTo", null))) {
                return frame;
            }
        }
    }

    public void send(String text) {
        socket.sendText(text, true)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** Stops reading from the socket, as a slow or stalled client would: the server's sends back up. */
    public void pauseReading() {
        paused = true;
    }

    public synchronized void resumeReading() {
        paused = false;
        if (owed) {
            owed = false;
            socket.request(1);
        }
    }

    /** The next message within the given time, or null. */
    public JsonObject poll(Duration wait) {
        try {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything received from now until the given time has passed (however busy the connection). */
    public java.util.List<JsonObject> collect(Duration during) {
        java.util.List<JsonObject> messages = new java.util.ArrayList<>();
        long until = System.nanoTime() + during.toNanos();
        for (long left = during.toNanos(); left > 0; left = until - System.nanoTime()) {
            JsonObject m = poll(Duration.ofNanos(left));
            if (m != null) {
                messages.add(m);
            }
        }
        return messages;
    }

    /** Everything received within the given quiet time, after which nothing more arrived. */
    public java.util.List<JsonObject> drain(Duration quiet) {
        java.util.List<JsonObject> messages = new java.util.ArrayList<>();
        try {
            for (JsonObject m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                    m != null;
                    m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                messages.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return messages;
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed() && !closed.isDone();
    }

    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(
                        Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
