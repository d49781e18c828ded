package dev.quorum.loadtest;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives Quorum with N authenticated WebSocket connections spread over R rooms of the benchmark
 * organization (quorum.benchmark.enabled=true), P of them publishing at a total rate, and measures the
 * end-to-end latency from publish to every receiver, deliveries per second, errors and connection time.
 * Prints one summary and writes it as JSON. Talks only to the address it is given (loopback here);
 * every loop is bounded by the run's duration.
 */
public final class LoadGenerator {

    /**
     * One provider for every frame: {@code Json.create*} looks the provider up (a ServiceLoader scan) on each
     * call, which starved a load generator holding 15,000 connections of CPU.
     */
    static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    record Options(
            List<URI> nodes,
            int connections,
            int rooms,
            int publishers,
            double rate,
            Duration duration,
            Path signingKey,
            String issuer,
            Path output,
            int handshakesInFlight) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return new Options(
                    java.util.Arrays.stream(values.getOrDefault("url", "ws://127.0.0.1:8080/quorum/ws")
                                    .split(","))
                            .map(String::trim)
                            .map(URI::create)
                            .toList(),
                    Integer.parseInt(values.getOrDefault("connections", "1000")),
                    Integer.parseInt(values.getOrDefault("rooms", "100")),
                    Integer.parseInt(values.getOrDefault("publishers", "50")),
                    Double.parseDouble(values.getOrDefault("rate", "200")),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("seconds", "30"))),
                    Path.of(values.getOrDefault(
                            "signing-key", "server-config/target/distribution/dev-keys/quorum-dev-private.pem")),
                    values.getOrDefault("issuer", "https://quorum.dev/development-issuer"),
                    Path.of(values.getOrDefault("output", "load-test/target/load-result.json")),
                    Integer.parseInt(values.getOrDefault("handshakes-in-flight", "256")));
        }
    }

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private final Options options;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    /** With several nodes: deliveries to a connection on the publisher's node, and on another node. */
    private final Histogram sameNodeLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);

    private final Histogram crossNodeLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram connectTime = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong expectedDeliveries = new AtomicLong();
    private final Map<Long, AtomicLong> roomMembers = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong connectFailures = new AtomicLong();
    private final List<Client> clients = new ArrayList<>();

    private LoadGenerator(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new LoadGenerator(Options.parse(args)).run();
    }

    private void run() throws Exception {
        BenchTokens tokens = new BenchTokens(options.signingKey(), options.issuer());
        long connectStarted = System.nanoTime();
        Semaphore handshakes = new Semaphore(options.handshakesInFlight());
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            String member = String.format("m%05d", i + 1);
            long room = i % options.rooms();
            // connections take the nodes in turn, shifted by one each round of rooms, so that every room has
            // members on every node and the publishers (the first connections) alternate between nodes
            int node = (i + i / options.rooms()) % options.nodes().size();
            Client client = new Client(room, node);
            clients.add(client);
            handshakes.acquire();
            long started = System.nanoTime();
            opening.add(http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + tokens.token(member))
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(options.nodes().get(node), client)
                    .thenAccept(socket -> {
                        connectTime.recordValue(System.nanoTime() - started);
                        client.socket = socket;
                    })
                    .exceptionally(failure -> {
                        connectFailures.incrementAndGet();
                        return null;
                    })
                    .whenComplete((ok, failure) -> handshakes.release()));
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
        double connectSeconds = (System.nanoTime() - connectStarted) / 1e9;

        List<Long> roomIds = benchRooms(tokens);
        List<Client> connected = clients.stream().filter(c -> c.socket != null).toList();
        CountDownLatch joined = new CountDownLatch(connected.size());
        for (Client client : connected) {
            client.joined = joined;
            client.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":"
                    + roomIds.get((int) (client.roomIndex % roomIds.size())) + "}}");
        }
        joined.await(60, TimeUnit.SECONDS);

        ScheduledExecutorService publishers = Executors.newScheduledThreadPool(2);
        List<Client> publishing = connected.subList(0, Math.min(options.publishers(), connected.size()));
        long periodMicros = publishing.isEmpty() ? 1_000_000 : (long) (1e6 * publishing.size() / options.rate());
        long runStarted = System.nanoTime();
        for (Client publisher : publishing) {
            publishers.scheduleAtFixedRate(
                    publisher::publishOne,
                    (long) (Math.random() * periodMicros),
                    Math.max(1, periodMicros),
                    TimeUnit.MICROSECONDS);
        }
        Thread.sleep(options.duration().toMillis());
        publishers.shutdownNow();
        // let the last deliveries arrive: wait until none is missing, or 10 seconds at most
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.get() < expectedDeliveries.get() && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        double runSeconds = (System.nanoTime() - runStarted) / 1e9;
        for (Client client : connected) {
            client.socket.abort();
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("connectionsRequested", options.connections());
        summary.put("connectionsOpen", connected.size());
        summary.put("connectFailures", connectFailures.get());
        summary.put("connectSeconds", round(connectSeconds));
        summary.put("connectMillisP50", millis(connectTime.getValueAtPercentile(50)));
        summary.put("connectMillisP99", millis(connectTime.getValueAtPercentile(99)));
        summary.put("rooms", options.rooms());
        summary.put("publishers", publishing.size());
        summary.put("targetRatePerSecond", options.rate());
        summary.put("runSeconds", round(runSeconds));
        summary.put("published", sent.get());
        summary.put("acknowledged", acked.get());
        summary.put("deliveries", delivered.get());
        summary.put("deliveriesExpected", expectedDeliveries.get());
        summary.put("deliveriesPerSecond", round(delivered.get() / runSeconds));
        summary.put("errors", errors.get());
        summary.put("latencyMillisP50", millis(latency.getValueAtPercentile(50)));
        summary.put("latencyMillisP95", millis(latency.getValueAtPercentile(95)));
        summary.put("latencyMillisP99", millis(latency.getValueAtPercentile(99)));
        summary.put("latencyMillisMax", millis(latency.getMaxValue()));
        if (options.nodes().size() > 1) {
            summary.put("nodes", options.nodes().size());
            summary.put("sameNodeDeliveries", sameNodeLatency.getTotalCount());
            summary.put("sameNodeLatencyMillisP50", millis(sameNodeLatency.getValueAtPercentile(50)));
            summary.put("sameNodeLatencyMillisP99", millis(sameNodeLatency.getValueAtPercentile(99)));
            summary.put("crossNodeDeliveries", crossNodeLatency.getTotalCount());
            summary.put("crossNodeLatencyMillisP50", millis(crossNodeLatency.getValueAtPercentile(50)));
            summary.put("crossNodeLatencyMillisP99", millis(crossNodeLatency.getValueAtPercentile(99)));
        }
        var json = JSON.createObjectBuilder();
        summary.forEach((name, value) -> {
            if (value instanceof Number number) {
                json.add(name, number.doubleValue());
            } else {
                json.add(name, String.valueOf(value));
            }
        });
        String result = json.build().toString();
        Files.createDirectories(options.output().toAbsolutePath().getParent());
        Files.writeString(options.output(), result);
        System.out.println("Quorum load test: " + result);
        System.exit(0);
    }

    /** One connection; receivers record the latency of every message they get. */
    private final class Client implements WebSocket.Listener {
        private final long roomIndex;
        private final int node;
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile long room;
        private volatile CountDownLatch joined;
        private long counter;
        private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

        Client(long roomIndex, int node) {
            this.roomIndex = roomIndex;
            this.node = node;
        }

        synchronized void send(String text) {
            // the JDK client allows one outstanding send per socket
            lastSend = lastSend.thenCompose(ignored -> socket.sendText(text, true));
        }

        void publishOne() {
            if (room == 0) {
                return;
            }
            long id = ++counter;
            sent.incrementAndGet();
            // client ids are unique per run: a repeated id is a retry, and Quorum would not deliver it again
            send("{\"type\":\"publish\",\"data\":{\"room\":" + room + ",\"id\":\"" + RUN + "-" + id
                    + "\",\"type\":\"chat\",\"data\":{\"text\":\"t" + System.nanoTime() + "n" + node + "\"}}}");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String text) {
            long now = System.nanoTime();
            if (text.startsWith("{\"type\":\"presence.")) {
                return; // presence is not measured here, and a join storm brings millions of these
            }
            JsonObject frame = JSON.createReader(new StringReader(text)).readObject();
            switch (frame.getString("type")) {
                case "message" -> {
                    String body =
                            frame.getJsonObject("data").getJsonObject("data").getString("text");
                    if (body.startsWith("t")) {
                        // "t<sent nanos>n<publisher's node>": letters and digits only, which no sanitizing rewrites
                        int at = body.indexOf('n');
                        long took = Math.max(0, now - Long.parseLong(body.substring(1, at)));
                        latency.recordValue(took);
                        boolean sameNode = Integer.parseInt(body.substring(at + 1)) == node;
                        (sameNode ? sameNodeLatency : crossNodeLatency).recordValue(took);
                    }
                    delivered.incrementAndGet();
                }
                case "ack" -> {
                    acked.incrementAndGet();
                    if (!frame.getJsonObject("data").getBoolean("duplicate")) {
                        expectedDeliveries.addAndGet(roomMembers.get(room).get());
                    }
                }
                case "joined" -> {
                    room = frame.getJsonObject("data").getJsonNumber("room").longValue();
                    roomMembers.computeIfAbsent(room, r -> new AtomicLong()).incrementAndGet();
                    joined.countDown();
                }
                case "error" -> errors.incrementAndGet();
                default -> {}
            }
        }
    }

    /** The benchmark organization's rooms, from the REST API next to the WebSocket endpoint. */
    private List<Long> benchRooms(BenchTokens tokens) throws IOException, InterruptedException {
        URI rooms = URI.create(
                options.nodes().get(0).toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/api/rooms"));
        var response = http.send(
                java.net.http.HttpRequest.newBuilder(rooms)
                        .header("Authorization", "Bearer " + tokens.token("m00001"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("listing rooms failed: " + response.statusCode() + " " + response.body()
                    + " (is the server started with quorum.benchmark.enabled=true?)");
        }
        List<Long> ids = JSON.createReader(new StringReader(response.body())).readArray().stream()
                .map(room -> room.asJsonObject().getJsonNumber("id").longValue())
                .toList();
        return ids.subList(0, Math.min(options.rooms(), ids.size()));
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
