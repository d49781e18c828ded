package dev.quorum.loadtest;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A meeting of N voters of the benchmark organization, every one in the meeting's room, voting at the
 * same moment on one motion: how long each vote takes to be recorded, how many votes a second the motion
 * takes, and how long until every screen shows the complete tally. Prints one JSON line.
 *
 * <p>{@code java -cp quorum-load.jar dev.quorum.loadtest.VoteBenchmark --url http://localhost:8080/quorum
 * --voters 500 --key dev-keys/quorum-dev-private.pem} (server with quorum.benchmark.enabled=true).
 */
public final class VoteBenchmark {

    /**
     * One provider for every frame: {@code Json.create*} looks the provider up (a ServiceLoader scan) on each
     * call, which starved a load generator holding 15,000 connections of CPU.
     */
    static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(VoteBenchmark.class.getName());

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Histogram voteLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong tallyFrames = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String url = "http://localhost:8080/quorum";
        int voters = 200;
        Path key = Path.of("server-config/target/distribution/dev-keys/quorum-dev-private.pem");
        String issuer = "https://quorum.dev/development-issuer";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--voters" -> voters = Integer.parseInt(args[i + 1]);
                case "--key" -> key = Path.of(args[i + 1]);
                case "--issuer" -> issuer = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new VoteBenchmark().run(URI.create(url.replaceAll("/$", "")), voters, new BenchTokens(key, issuer));
        System.exit(0);
    }

    private void run(URI base, int count, BenchTokens tokens) throws Exception {
        List<String> members = new ArrayList<>();
        StringBuilder participants = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String member = String.format("m%05d", i);
            members.add(member);
            participants
                    .append(i == 1 ? "" : ",")
                    .append("{\"member\":\"")
                    .append(member)
                    .append("\"}");
        }
        String chairToken = tokens.token(members.get(0), "member", "chair");
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/meetings"))
                        .header("Authorization", "Bearer " + chairToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"board\",\"title\":\"Vote benchmark "
                                + Instant.now() + "\",\"scheduledAt\":\"" + Instant.now()
                                + "\",\"quorumRule\":\"count\",\"quorumValue\":1,\"participants\":[" + participants
                                + "]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the meeting failed: " + created.statusCode() + " "
                    + created.body() + " (is the server started with quorum.benchmark.enabled=true?)");
        }
        JsonObject meeting =
                JSON.createReader(new StringReader(created.body())).readObject().getJsonObject("meeting");
        long meetingId = meeting.getJsonNumber("id").longValue();
        long room = meeting.getJsonNumber("room").longValue();

        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws");
        List<Voter> voters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Voter voter = new Voter(count);
            voter.socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + (i == 0 ? chairToken : tokens.token(members.get(i))))
                    .buildAsync(ws, voter)
                    .get(30, TimeUnit.SECONDS);
            voter.call("join", "{\"room\":" + room + "}");
            voters.add(voter);
        }
        Voter chair = voters.get(0);
        chair.call("meeting.checkin", "{\"meeting\":" + meetingId + "}");
        long motion = chair.call("motion.propose", "{\"meeting\":" + meetingId + ",\"title\":\"Benchmark motion\"}")
                .getJsonNumber("id")
                .longValue();
        voters.get(1).call("motion.second", "{\"motion\":" + motion + "}");
        chair.call("motion.open", "{\"motion\":" + motion + "}");
        LOG.info(() -> count + " voters connected and in the room; voting");

        long start = System.nanoTime();
        String[] options = {"for", "against", "abstain"};
        List<CompletableFuture<Void>> recorded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Voter voter = voters.get(i);
            String choice = options[i % 3];
            long sent = System.nanoTime();
            recorded.add(voter.send("vote", "{\"motion\":" + motion + ",\"choice\":\"" + choice + "\"}")
                    .thenAccept(answer -> voteLatency.recordValue(System.nanoTime() - sent)));
        }
        CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long allRecorded = System.nanoTime() - start;
        boolean complete = true;
        for (Voter voter : voters) {
            complete &= voter.sawFullTally.await(60, TimeUnit.SECONDS);
        }
        long allSeen =
                voters.stream().mapToLong(v -> v.fullTallyAt - start).max().orElse(0);
        JsonObject result = JSON.createObjectBuilder()
                .add("voters", count)
                .add("allRecordedMillis", allRecorded / 1_000_000)
                .add("votesPerSecond", Math.round(count / (allRecorded / 1e9)))
                .add("voteLatencyP50Millis", voteLatency.getValueAtPercentile(50) / 1_000_000)
                .add("voteLatencyP99Millis", voteLatency.getValueAtPercentile(99) / 1_000_000)
                .add("voteLatencyMaxMillis", voteLatency.getMaxValue() / 1_000_000)
                .add("everyScreenHasTheFullTallyMillis", complete ? allSeen / 1_000_000 : -1)
                .add("tallyFramesPerScreen", Math.round((double) tallyFrames.get() / count))
                .add("errors", errors.get())
                .build();
        System.out.println("Quorum vote benchmark: " + result);
        voters.forEach(v -> v.socket.abort());
    }

    /** One voter's connection: requests with answers, and the tallies it sees. */
    private final class Voter implements WebSocket.Listener {
        private final int electorate;
        private final StringBuilder partial = new StringBuilder();
        private final ConcurrentHashMap<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private final CountDownLatch sawFullTally = new CountDownLatch(1);
        private volatile long fullTallyAt;
        private volatile WebSocket socket;
        private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
        private long counter;

        Voter(int electorate) {
            this.electorate = electorate;
        }

        /** Sends a request; completes with its answer's data. */
        CompletableFuture<JsonObject> send(String type, String data) {
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            synchronized (this) {
                String id = type + "-" + (++counter);
                pending.put(id, answer);
                String frame = "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"data\":" + data + "}";
                // the JDK client allows one outstanding send per socket
                lastSend = lastSend.thenCompose(ignored -> socket.sendText(frame, true));
            }
            return answer;
        }

        /** Sends a request and waits for its answer's data. */
        JsonObject call(String type, String data) {
            try {
                return send(type, data).get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException(type + " got no answer", e);
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

        private void handle(JsonObject frame) {
            String replyTo = frame.getString("replyTo", null);
            if (replyTo != null) {
                CompletableFuture<JsonObject> answer = pending.remove(replyTo);
                if (answer != null) {
                    if ("error".equals(frame.getString("type"))) {
                        errors.incrementAndGet();
                        answer.completeExceptionally(new IllegalStateException(frame.toString()));
                    } else {
                        answer.complete(frame.getJsonObject("data"));
                    }
                }
                return;
            }
            if ("message".equals(frame.getString("type"))) {
                JsonObject message = frame.getJsonObject("data");
                if ("motion.tally".equals(message.getString("type"))) {
                    tallyFrames.incrementAndGet();
                    int cast =
                            message.getJsonObject("data").getJsonObject("tally").getInt("votesCast");
                    if (cast == electorate && sawFullTally.getCount() > 0) {
                        fullTallyAt = System.nanoTime();
                        sawFullTally.countDown();
                    }
                }
            }
        }
    }
}
