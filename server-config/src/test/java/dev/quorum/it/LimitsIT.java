package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.launcher.ClusterNode;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The abuse limits with their production defaults, on a node of their own: 10 publishes a second per
 * member, 5 connections per member, 10 per address, 120 handshakes a minute per address (bursts of 20).
 * Also liveness, with short times (ping every second, idle after 3 seconds). The tests share one address
 * (loopback), so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsIT {

    private static ClusterNode node;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final NodeLogsOnFailure NODE_LOGS = new NodeLogsOnFailure(() -> java.util.Arrays.asList(node));

    @BeforeAll
    static void startNodeWithDefaultLimits() throws Exception {
        SharedServer.stop(); // its timers would take this database's work away from these nodes
        Path work =
                Path.of(System.getProperty("quorum.it.work")).toAbsolutePath().resolve("limits");
        node = ClusterNode.start(
                work,
                "node",
                TestEnvironment.freePort(),
                0,
                TestEnvironment.freePort(),
                "",
                System.getProperty("quorum.it.dbUrl"),
                "-Dquorum.connection.ping-seconds=1 -Dquorum.connection.idle-seconds=3"
                        + " -Dquorum.retention.max-messages-per-room=20 -Dquorum.retention.interval-seconds=1");
        node.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static QuorumClient connect(String member) {
        QuorumClient client = QuorumClient.withToken(node.ws(), Tokens.valid("acme", member, "member"));
        client.welcome();
        return client;
    }

    @Test
    @Order(1)
    void publishingFasterThanTheBurstLimitIsRefusedWithRetryAfter() {
        long room = QuorumIT.roomId("acme", "Acme — everyone");
        try (QuorumClient alice = connect("alice")) {
            alice.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            alice.next("joined");
            // 30 frames: refused ones remain even if the machine is slow and the bucket refills meanwhile
            for (int i = 0; i < 30; i++) {
                alice.send("{\"type\":\"publish\",\"id\":\"p" + i + "\",\"data\":{\"room\":" + room + ",\"id\":\"limit-"
                        + System.nanoTime() + "-" + i + "\",\"type\":\"chat\",\"data\":{\"text\":\"burst\"}}}");
            }
            int acks = 0;
            List<JsonObject> refusals = new ArrayList<>();
            for (JsonObject frame : alice.drain(Duration.ofSeconds(1))) {
                switch (frame.getString("type")) {
                    case "ack" -> acks++;
                    case "error" -> refusals.add(frame.getJsonObject("data"));
                    default -> {}
                }
            }
            // a burst of 10, plus what the bucket refills (10 a second) while the frames arrive
            assertTrue(acks >= 10 && acks < 30, "acknowledged " + acks);
            assertEquals(30, acks + refusals.size());
            for (JsonObject refusal : refusals) {
                assertEquals("RATE_LIMITED", refusal.getString("code"));
                assertTrue(refusal.getJsonNumber("retryAfter").longValue() > 0);
            }
        }
    }

    /**
     * An honest client publishes as fast as it may, waiting the retryAfter of every refusal: it gets exactly
     * 10 in the first second and 100 in the minute, is refused dozens of times, and is never closed. The
     * 101st publish is told to wait until the first one's minute is over.
     */
    @Test
    @Order(2)
    void aClientThatWaitsAsToldGetsExactlyItsAllowanceAndStaysConnected() throws Exception {
        long room = QuorumIT.roomId("acme", "Acme — everyone");
        try (QuorumClient bob = connect("bob")) {
            bob.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            bob.next("joined");
            long firstAck = 0;
            int acks = 0;
            int refusals = 0;
            long lastRetryAfter = 0;
            while (acks < 100 || lastRetryAfter < 1_000) {
                bob.send("{\"type\":\"publish\",\"id\":\"p\",\"data\":{\"room\":" + room + ",\"id\":\"honest-"
                        + System.nanoTime() + "\",\"type\":\"chat\",\"data\":{\"text\":\"steady\"}}}");
                JsonObject answer = bob.next();
                while (!answer.getString("type").equals("ack")
                        && !answer.getString("type").equals("error")) {
                    answer = bob.next();
                }
                if (answer.getString("type").equals("ack")) {
                    acks++;
                    if (acks == 1) {
                        firstAck = System.nanoTime();
                    }
                    if (acks == 10) {
                        assertTrue(
                                System.nanoTime() - firstAck < 900_000_000L,
                                "the first 10 come at once, as the burst allows");
                    }
                } else {
                    JsonObject error = answer.getJsonObject("data");
                    assertEquals("RATE_LIMITED", error.getString("code"), error::toString);
                    refusals++;
                    lastRetryAfter = error.getJsonNumber("retryAfter").longValue();
                    if (lastRetryAfter < 1_000) {
                        Thread.sleep(lastRetryAfter);
                    }
                }
                assertTrue(acks <= 100, "more than 100 publishes accepted within a minute");
            }
            long elapsedMillis = (System.nanoTime() - firstAck) / 1_000_000;
            assertEquals(100, acks);
            assertTrue(refusals >= 30, "refused " + refusals + " times: more than the old abuse threshold");
            // the next publish is accepted once the first one's minute is over, not before
            assertTrue(
                    Math.abs(elapsedMillis + lastRetryAfter - 60_000) < 1_000,
                    "retryAfter " + lastRetryAfter + " ms, " + elapsedMillis + " ms after the first ack");
            assertTrue(bob.isOpen());
            bob.send("{\"type\":\"ping\",\"id\":\"still\"}");
            assertEquals("still", bob.next("pong").getString("replyTo"));
        }
    }

    @Test
    @Order(3)
    void aClientThatKeepsPublishingPastItsLimitIsDisconnected() {
        long room = QuorumIT.roomId("acme", "Acme — everyone");
        try (QuorumClient frank = connect("frank")) {
            frank.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            frank.next("joined");
            for (int i = 0; i < 60 && frank.isOpen(); i++) {
                frank.send("{\"type\":\"publish\",\"data\":{\"room\":" + room + ",\"id\":\"abuse-" + System.nanoTime()
                        + "\",\"type\":\"chat\",\"data\":{\"text\":\"spam\"}}}");
            }
            assertEquals(4029, frank.awaitClose());
        }
    }

    @Test
    @Order(4)
    void aMemberHoldsAtMostFiveConnectionsAndAnAddressTen() throws Exception {
        List<QuorumClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(connect("bob"));
            }
            RawHandshake.Answer sixth = RawHandshake.attempt(
                    node.ws(), Map.of("Authorization", "Bearer " + Tokens.valid("acme", "bob", "member")));
            assertEquals(429, sixth.status());
            assertTrue(sixth.body().contains("TOO_MANY_CONNECTIONS"), sixth.body());
            for (String member : List.of("alice", "alice", "carol", "carol", "dave")) {
                open.add(connect(member));
            }
            RawHandshake.Answer eleventh = RawHandshake.attempt(
                    node.ws(), Map.of("Authorization", "Bearer " + Tokens.valid("acme", "erin", "member")));
            assertEquals(429, eleventh.status());
            assertTrue(eleventh.body().contains("TOO_MANY_CONNECTIONS"), eleventh.body());
        } finally {
            open.forEach(QuorumClient::close);
        }
    }

    /** Connections reset right after the upgrade stop counting within a ping interval (1 s here). */
    @Test
    @Order(5)
    void deadConnectionsDoNotLockTheMemberOut() throws Exception {
        String erin = Tokens.valid("acme", "erin", "member");
        for (int i = 0; i < 5; i++) {
            RawWebSocket dropped = RawWebSocket.connect(node.ws(), erin, 64 * 1024);
            dropped.reset();
        }
        long started = System.nanoTime();
        RawHandshake.Answer answer;
        do {
            Thread.sleep(200);
            answer = RawHandshake.attempt(node.ws(), Map.of("Authorization", "Bearer " + erin));
        } while (answer.status() == 429
                && System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(101, answer.status(), answer::toString);
        assertTrue(millis < 4_000, "the member could connect again after " + millis + " ms");
    }

    @Test
    @Order(6)
    void aClientThatAnswersPingsStaysAndOneThatIgnoresThemIsClosedWithinAPingInterval() throws Exception {
        try (QuorumClient answering = connect("dave");
                RawWebSocket silent =
                        RawWebSocket.connect(node.ws(), Tokens.valid("acme", "carol", "member"), 64 * 1024)) {
            assertTrue(silent.nextText().contains("\"welcome\""));
            long started = System.nanoTime();
            // the raw client reads but never answers the server's pings
            assertEquals(null, silent.nextText());
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertEquals(1001, silent.closeCode());
            // pinged within a second (the interval), closed when that ping is a second old
            assertTrue(seconds >= 1 && seconds <= 4, "closed after " + seconds + " s");
            answering.send("{\"type\":\"ping\",\"id\":\"still\"}");
            assertEquals("still", answering.next("pong").getString("replyTo"), "a client answering pings stays");
        }
    }

    @Test
    @Order(7)
    void resumingFromBeyondRetentionGetsResetAndFromWithinItAReplay() throws Exception {
        String frank = Tokens.valid("acme", "frank", "member", "admin");
        var created = QuorumIT.HTTP.send(
                java.net.http.HttpRequest.newBuilder(node.api("admin/rooms"))
                        .header("Authorization", "Bearer " + frank)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"kind\":\"division\",\"name\":\"Retention " + System.nanoTime()
                                        + "\",\"accessRule\":\"organization\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
        long room = QuorumIT.json(created.body()).getJsonNumber("id").longValue();
        try (QuorumClient dave = connect("dave")) {
            dave.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            dave.next("joined");
            for (int i = 1; i <= 25; i++) {
                dave.send("{\"type\":\"publish\",\"id\":\"p\",\"data\":{\"room\":" + room + ",\"id\":\"keep-" + i
                        + "\",\"type\":\"chat\",\"data\":{\"text\":\"m" + i + "\"}}}");
                java.util.Set<String> seen = new java.util.HashSet<>();
                while (!seen.containsAll(java.util.Set.of("ack", "message"))) {
                    seen.add(dave.next().getString("type"));
                }
                Thread.sleep(120); // stay under the burst limit of this node's production defaults
            }
        }
        Thread.sleep(2500); // retention runs every second here and keeps 20 messages per room
        try (QuorumClient dave = connect("dave")) {
            dave.send("{\"type\":\"resume\",\"id\":\"r1\",\"data\":{\"room\":" + room + ",\"afterSeq\":2}}");
            JsonObject reset = dave.next("reset").getJsonObject("data");
            assertEquals(25, reset.getJsonNumber("lastSeq").longValue());
        }
        try (QuorumClient dave = connect("dave")) {
            dave.send("{\"type\":\"resume\",\"id\":\"r2\",\"data\":{\"room\":" + room + ",\"afterSeq\":5}}");
            dave.next("resumed");
            for (long expected = 6; expected <= 25; expected++) {
                assertEquals(
                        expected,
                        dave.next("message")
                                .getJsonObject("data")
                                .getJsonNumber("seq")
                                .longValue());
            }
        }
    }

    @Test
    @Order(8)
    void handshakesFromOneAddressAreRateLimited() throws Exception {
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 40; i++) {
            RawHandshake.Answer answer = RawHandshake.attempt(node.ws(), Map.of());
            if (answer.status() == 429) {
                limited++;
                assertTrue(answer.body().contains("HANDSHAKE_RATE_LIMITED"), answer.body());
                retryAfter = answer.headers()
                        .lines()
                        .filter(line -> line.toLowerCase().startsWith("retry-after:"))
                        .findFirst()
                        .orElse(null);
            } else {
                assertEquals(401, answer.status());
            }
        }
        assertTrue(limited > 0, "a burst of 40 handshakes is more than the 20 allowed");
        assertTrue(retryAfter != null, "refusals say when to retry");
    }
}
