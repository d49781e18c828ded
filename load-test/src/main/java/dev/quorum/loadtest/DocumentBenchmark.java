package dev.quorum.loadtest;

import dev.quorum.document.control.ClientDocument;
import dev.quorum.document.control.TextOperation;
import dev.quorum.document.control.TextOperationJson;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * N editors typing into one document at once, each an edit every few milliseconds, as ShareDB clients do
 * (one operation in flight, later edits composed while it waits): how many operations a second the
 * document commits, and how long from sending an operation until every other editor has it. At the end
 * every editor's text must equal the server's. Prints one JSON line.
 *
 * <p>{@code java -cp quorum-load.jar dev.quorum.loadtest.DocumentBenchmark --url http://localhost:8080/quorum
 * --editors 20 --seconds 20 --interval-millis 50} (server with quorum.benchmark.enabled=true).
 */
public final class DocumentBenchmark {

    /**
     * One provider for every frame: {@code Json.create*} looks the provider up (a ServiceLoader scan) on each
     * call, which starved a load generator holding 15,000 connections of CPU.
     */
    static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Histogram everyoneHasIt = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
    private final Histogram acknowledged = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
    /** When each operation ("author:id") was sent, and how many editors still have to receive it. */
    private final ConcurrentHashMap<String, long[]> inFlight = new ConcurrentHashMap<>();

    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong edits = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String url = "http://localhost:8080/quorum";
        int editors = 20;
        int seconds = 20;
        int intervalMillis = 50;
        Path key = Path.of("server-config/target/distribution/dev-keys/quorum-dev-private.pem");
        String issuer = "https://quorum.dev/development-issuer";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--editors" -> editors = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--interval-millis" -> intervalMillis = Integer.parseInt(args[i + 1]);
                case "--key" -> key = Path.of(args[i + 1]);
                case "--issuer" -> issuer = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new DocumentBenchmark()
                .run(
                        URI.create(url.replaceAll("/$", "")),
                        editors,
                        seconds,
                        intervalMillis,
                        new BenchTokens(key, issuer));
        System.exit(0);
    }

    private void run(URI base, int count, int seconds, int intervalMillis, BenchTokens tokens) throws Exception {
        String token = tokens.token("m00001", "member");
        JsonObject document = send(HttpRequest.newBuilder(URI.create(base + "/api/documents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Document benchmark\"}")));
        long doc = document.getJsonNumber("id").longValue();
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws");
        List<DocumentEditor> editors = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String member = String.format("m%05d", i);
            DocumentEditor editor = new DocumentEditor(member, doc, count, i);
            editor.socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + tokens.token(member, "member"))
                    .buildAsync(ws, editor)
                    .get(30, TimeUnit.SECONDS);
            editor.open();
            editors.add(editor);
        }
        for (DocumentEditor editor : editors) {
            editor.opened.get(30, TimeUnit.SECONDS);
        }
        ScheduledExecutorService typing = Executors.newScheduledThreadPool(4);
        long started = System.nanoTime();
        for (DocumentEditor editor : editors) {
            typing.scheduleAtFixedRate(
                    editor::edit, editor.random.nextInt(intervalMillis), intervalMillis, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        typing.shutdownNow();
        typing.awaitTermination(10, TimeUnit.SECONDS);
        long typed = System.nanoTime() - started;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && !editors.stream().allMatch(DocumentEditor::settled)) {
            Thread.sleep(50);
        }
        JsonObject server = send(HttpRequest.newBuilder(URI.create(base + "/api/documents/" + doc))
                .header("Authorization", "Bearer " + token));
        long head = server.getJsonNumber("revision").longValue();
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && editors.stream().anyMatch(e -> e.revision() < head)) {
            Thread.sleep(50);
        }
        String content = server.getString("content");
        long converged = editors.stream().filter(e -> e.text().equals(content)).count();
        System.out.printf(
                "{\"benchmark\":\"documents\",\"editors\":%d,\"seconds\":%.1f,\"edits\":%d,\"revisions\":%d,"
                        + "\"revisionsPerSecond\":%.1f,\"ackMillis\":{\"p50\":%.1f,\"p99\":%.1f},"
                        + "\"everyEditorHasItMillis\":{\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f},\"errors\":%d,"
                        + "\"editorsConverged\":%d,\"characters\":%d}%n",
                count,
                typed / 1e9,
                edits.get(),
                head,
                head / (typed / 1e9),
                acknowledged.getValueAtPercentile(50) / 1e6,
                acknowledged.getValueAtPercentile(99) / 1e6,
                everyoneHasIt.getValueAtPercentile(50) / 1e6,
                everyoneHasIt.getValueAtPercentile(99) / 1e6,
                everyoneHasIt.getMaxValue() / 1e6,
                errors.get(),
                converged,
                content.codePointCount(0, content.length()));
        for (DocumentEditor editor : editors) {
            editor.socket.abort();
        }
    }

    private JsonObject send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.createReader(new StringReader(response.body())).readObject();
    }

    /** One editor: the client half of collaborative editing, as the protocol describes it. */
    private final class DocumentEditor implements WebSocket.Listener {
        private final String member;
        private final long doc;
        private final int editors;
        final Random random;
        final CompletableFuture<Void> opened = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
        private final AtomicInteger counter = new AtomicInteger();

        private ClientDocument copy;
        private String inflightId;
        private final java.util.Map<String, Long> sent = new java.util.HashMap<>();

        DocumentEditor(String member, long doc, int editors, long seed) {
            this.member = member;
            this.doc = doc;
            this.editors = editors;
            this.random = new Random(seed);
        }

        void open() {
            sendText("{\"type\":\"doc.open\",\"id\":\"open\",\"data\":{\"doc\":" + doc + "}}");
        }

        synchronized void edit() {
            if (copy == null) {
                return;
            }
            String text = copy.text();
            int length = text.codePointCount(0, text.length());
            int at = random.nextInt(length + 1);
            List<TextOperation.Component> parts = new ArrayList<>();
            if (at > 0) {
                parts.add(new TextOperation.Retain(at));
            }
            if (at < length && random.nextInt(4) == 0) {
                parts.add(new TextOperation.Delete(1));
            } else {
                parts.add(new TextOperation.Insert(
                        random.nextInt(20) == 0 ? "\n" : String.valueOf((char) ('a' + random.nextInt(26)))));
            }
            edits.incrementAndGet();
            send(copy.edit(TextOperation.of(parts)));
        }

        synchronized boolean settled() {
            return copy != null && copy.settled();
        }

        synchronized long revision() {
            return copy == null ? 0 : copy.revision();
        }

        synchronized String text() {
            return copy == null ? "" : copy.text();
        }

        private void send(ClientDocument.Outgoing outgoing) {
            if (outgoing == null) {
                return;
            }
            inflightId = member + "-" + counter.incrementAndGet();
            long now = System.nanoTime();
            sent.put(inflightId, now);
            inFlight.put(member + ":" + inflightId, new long[] {now, editors - 1});
            sendText("{\"type\":\"doc.op\",\"id\":\"" + inflightId + "\",\"data\":{\"doc\":" + doc
                    + ",\"baseRevision\":" + outgoing.baseRevision() + ",\"id\":\"" + inflightId + "\",\"op\":"
                    + TextOperationJson.encode(outgoing.op()) + "}}");
        }

        private void sendText(String frame) {
            synchronized (this) {
                lastSend = lastSend.thenCompose(ignored -> socket.sendText(frame, true));
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(JSON.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private synchronized void handle(JsonObject frame) {
            String type = frame.getString("type");
            if (type.equals("doc.opened")) {
                JsonObject data = frame.getJsonObject("data");
                copy = new ClientDocument(
                        data.getString("content"),
                        data.getJsonNumber("revision").longValue());
                opened.complete(null);
            } else if (type.equals("doc.ack")) {
                Long sentAt = sent.remove(frame.getString("replyTo", ""));
                if (sentAt != null) {
                    acknowledged.recordValue(Math.max(0, System.nanoTime() - sentAt));
                }
            } else if (type.equals("error")) {
                if (errors.incrementAndGet() <= 3) {
                    System.err.println(member + " got " + frame);
                }
            } else if (type.equals("message") && copy != null) {
                JsonObject message = frame.getJsonObject("data");
                if (!"doc.op".equals(message.getString("type"))) {
                    return;
                }
                JsonObject operation = message.getJsonObject("data");
                long committed = operation.getJsonNumber("revision").longValue();
                String author = message.getJsonObject("sender").getString("id");
                String id = operation.getString("id");
                boolean mine = author.equals(member) && id.equals(inflightId);
                if (!mine && committed > copy.revision()) {
                    long[] awaited = inFlight.get(author + ":" + id);
                    if (awaited != null) {
                        synchronized (awaited) {
                            if (--awaited[1] == 0) {
                                everyoneHasIt.recordValue(Math.max(0, System.nanoTime() - awaited[0]));
                                inFlight.remove(author + ":" + id);
                            }
                        }
                    }
                }
                send(copy.receive(
                                committed,
                                mine
                                        ? TextOperation.noop()
                                        : TextOperationJson.decode("op", operation.get("op"), Integer.MAX_VALUE),
                                mine)
                        .send());
            }
        }
    }
}
