package dev.quorum.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat completions endpoint in the test JVM, started before Payara so Quorum's remote
 * engine can point at it: it answers (a decision echoing what was said, a fixed summary), fails (HTTP 500) or
 * hangs, as a test sets it.
 */
final class AiStub {

    enum Mode {
        ANSWER,
        FAIL,
        HANG
    }

    static volatile Mode mode = Mode.ANSWER;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    private static HttpServer server;

    private AiStub() {}

    /** Starts the stub; answers its base URL. */
    static synchronized String start() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "ai-stub");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/v1/chat/completions", exchange -> {
                REQUESTS.incrementAndGet();
                JsonObject request = Json.createReader(new StringReader(
                                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                        .readObject();
                Mode now = mode;
                if (now == Mode.HANG) {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (now != Mode.ANSWER) {
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                    return;
                }
                String system =
                        request.getJsonArray("messages").getJsonObject(0).getString("content");
                String user = request.getJsonArray("messages").getJsonObject(1).getString("content");
                String content = system.contains("summary")
                        ? Json.createObjectBuilder()
                                .add("summary", "Remote summary.")
                                .build()
                                .toString()
                        : Json.createObjectBuilder()
                                .add(
                                        "sentiment",
                                        Json.createObjectBuilder()
                                                .add("label", "positive")
                                                .add("score", 0.5))
                                .add(
                                        "insights",
                                        Json.createArrayBuilder()
                                                .add(Json.createObjectBuilder()
                                                        .add("kind", "decision")
                                                        .add(
                                                                "text",
                                                                Json.createReader(new StringReader(user))
                                                                        .readObject()
                                                                        .getString("text"))))
                                .build()
                                .toString();
                byte[] body = Json.createObjectBuilder()
                        .add(
                                "choices",
                                Json.createArrayBuilder()
                                        .add(Json.createObjectBuilder()
                                                .add(
                                                        "message",
                                                        Json.createObjectBuilder()
                                                                .add("role", "assistant")
                                                                .add("content", content))))
                        .build()
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }
}
