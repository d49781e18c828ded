package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Rooms with real clients: access, publishing, ordering, deduplication, resume, history, slow consumers. */
class RoomsIT extends QuorumIT {

    private static final String EVERYONE = "Acme — everyone";

    private QuorumClient connect(String organization, String member, String... roles) {
        QuorumClient client = QuorumClient.withToken(ws(), Tokens.valid(organization, member, roles));
        client.welcome();
        return client;
    }

    private static JsonObject join(QuorumClient client, long room) {
        client.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
        return client.next("joined").getJsonObject("data");
    }

    private static void publish(QuorumClient client, long room, String id, String priority, String text) {
        client.send("{\"type\":\"publish\",\"id\":\"" + id + "\",\"data\":{\"room\":" + room + ",\"id\":\"" + id
                + "\",\"priority\":\"" + priority + "\",\"type\":\"chat\",\"data\":{\"text\":\"" + text + "\"}}}");
    }

    /** The next message of a type, skipping others (the publisher also receives its own messages). */
    private static JsonObject nextOfType(QuorumClient client, String type) {
        while (true) {
            JsonObject frame = client.next();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
    }

    private static long roomSeq(JsonObject messageFrame) {
        return messageFrame.getJsonObject("data").getJsonNumber("seq").longValue();
    }

    /**
     * Publishes that arrive together are stored together: four members send 50 each without waiting for an
     * answer, and retry 5 of them at once. Every publish is answered once per frame, retries with their
     * original's sequence; the room's sequences stay gapless, and a watcher gets every message once, in order.
     */
    @Test
    void concurrentPipelinedPublishesAndTheirRetriesAreStoredOnceGaplessAndInOrder() {
        long room = roomId("acme", EVERYONE);
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        List<String> members = List.of("alice", "bob", "carol", "dave");
        try (QuorumClient erin = connect("acme", "erin", "member", "compliance_officer")) {
            long start = join(erin, room).getJsonNumber("lastSeq").longValue();
            List<QuorumClient> publishers = new java.util.ArrayList<>();
            try {
                for (String member : members) {
                    QuorumClient client = connect("acme", member, "member");
                    join(client, room);
                    publishers.add(client);
                }
                for (int i = 0; i < 50; i++) {
                    for (int p = 0; p < publishers.size(); p++) {
                        publish(publishers.get(p), room, run + "-" + members.get(p) + "-" + i, "normal", "m" + i);
                    }
                }
                for (int i = 0; i < 5; i++) {
                    for (int p = 0; p < publishers.size(); p++) {
                        publish(publishers.get(p), room, run + "-" + members.get(p) + "-" + i, "normal", "m" + i);
                    }
                }
                java.util.Map<String, Long> sequenceOf = new java.util.HashMap<>();
                for (int p = 0; p < publishers.size(); p++) {
                    java.util.Map<String, List<JsonObject>> acks = new java.util.HashMap<>();
                    for (int answered = 0; answered < 55; answered++) {
                        JsonObject ack = nextOfType(publishers.get(p), "ack").getJsonObject("data");
                        acks.computeIfAbsent(ack.getString("id"), id -> new java.util.ArrayList<>())
                                .add(ack);
                    }
                    assertEquals(50, acks.size(), "every publish of " + members.get(p) + " was answered");
                    long previous = 0;
                    for (int i = 0; i < 50; i++) {
                        List<JsonObject> answers = acks.get(run + "-" + members.get(p) + "-" + i);
                        assertEquals(i < 5 ? 2 : 1, answers.size(), answers::toString);
                        long seq = answers.get(0).getJsonNumber("seq").longValue();
                        assertTrue(seq > previous, "a member's publishes keep their order");
                        previous = seq;
                        assertEquals(
                                1,
                                answers.stream()
                                        .filter(a -> !a.getBoolean("duplicate"))
                                        .count(),
                                "one answer stored it, the retry found it: " + answers);
                        answers.forEach(
                                a -> assertEquals(seq, a.getJsonNumber("seq").longValue()));
                        sequenceOf.put(run + "-" + members.get(p) + "-" + i, seq);
                    }
                }
                assertEquals(
                        java.util.stream.LongStream.rangeClosed(start + 1, start + 200)
                                .boxed()
                                .toList(),
                        sequenceOf.values().stream().sorted().toList(),
                        "200 messages, gapless");
                List<Long> watched = new java.util.ArrayList<>();
                while (watched.size() < 200) {
                    JsonObject message = nextOfType(erin, "message").getJsonObject("data");
                    assertEquals(
                            sequenceOf.get(message.getString("id")),
                            message.getJsonNumber("seq").longValue());
                    watched.add(message.getJsonNumber("seq").longValue());
                }
                assertEquals(sequenceOf.values().stream().sorted().toList(), watched, "each once, in order");
            } finally {
                publishers.forEach(QuorumClient::close);
            }
        }
    }

    @Test
    void publishedMessagesReachEveryMemberInOrderAndThePublisherGetsTheSequence() {
        long room = roomId("acme", EVERYONE);
        try (QuorumClient alice = connect("acme", "alice", "member");
                QuorumClient bob = connect("acme", "bob", "member")) {
            long start = join(alice, room).getJsonNumber("lastSeq").longValue();
            join(bob, room);
            for (int i = 1; i <= 20; i++) {
                publish(alice, room, "order-" + i, "normal", "hello " + i);
            }
            List<Long> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acks.add(nextOfType(alice, "ack")
                        .getJsonObject("data")
                        .getJsonNumber("seq")
                        .longValue());
            }
            for (int i = 1; i <= 20; i++) {
                JsonObject message = bob.next("message").getJsonObject("data");
                assertEquals(start + i, message.getJsonNumber("seq").longValue());
                assertEquals("hello " + i, message.getJsonObject("data").getString("text"));
                assertEquals("alice", message.getJsonObject("sender").getString("id"));
                assertEquals("order-" + i, message.getString("id"));
            }
            assertEquals(20, new TreeSet<>(acks).size());
            assertEquals(
                    start + 20, acks.stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }

    @Test
    void aRetriedPublishIsAcknowledgedWithTheOriginalSequenceAndDeliveredOnce() {
        long room = roomId("acme", EVERYONE);
        try (QuorumClient alice = connect("acme", "alice", "member");
                QuorumClient bob = connect("acme", "bob", "member")) {
            join(alice, room);
            join(bob, room);
            publish(alice, room, "retry-1", "high", "only once");
            JsonObject first = nextOfType(alice, "ack").getJsonObject("data");
            publish(alice, room, "retry-1", "high", "only once");
            JsonObject second = nextOfType(alice, "ack").getJsonObject("data");
            assertFalse(first.getBoolean("duplicate"));
            assertTrue(second.getBoolean("duplicate"));
            assertEquals(first.getJsonNumber("seq"), second.getJsonNumber("seq"));
            assertEquals(
                    roomSeq(bob.next("message")), first.getJsonNumber("seq").longValue());
            bob.send("{\"type\":\"ping\",\"id\":\"barrier\"}");
            assertEquals("pong", bob.next("pong").getString("type"), "the retry must not be delivered again");
        }
    }

    @Test
    void tenantIsolationAndAccessRulesAreEnforced() {
        try (QuorumClient gina = connect("globex", "gina", "member", "admin");
                QuorumClient alice = connect("acme", "alice", "member");
                QuorumClient erin = connect("acme", "erin", "member", "compliance_officer");
                QuorumClient carol = connect("acme", "carol", "member", "secretary")) {
            long acmeRoom = roomId("acme", EVERYONE);
            gina.send("{\"type\":\"join\",\"id\":\"x\",\"data\":{\"room\":" + acmeRoom + "}}");
            assertError(gina.next("error"), "ROOM_NOT_FOUND");
            gina.send("{\"type\":\"join\",\"id\":\"y\",\"data\":{\"room\":987654}}");
            JsonObject missing = gina.next("error");
            assertError(missing, "ROOM_NOT_FOUND");
            publish(gina, acmeRoom, "sneak", "normal", "hi");
            assertError(gina.next("error"), "NOT_JOINED");
            gina.send("{\"type\":\"history\",\"id\":\"h\",\"data\":{\"room\":" + acmeRoom + "}}");
            assertError(gina.next("error"), "ROOM_NOT_FOUND");

            long compliance = roomId("acme", "Compliance desk");
            alice.send("{\"type\":\"join\",\"id\":\"c\",\"data\":{\"room\":" + compliance + "}}");
            assertError(alice.next("error"), "ROOM_FORBIDDEN");
            assertEquals(
                    compliance, join(erin, compliance).getJsonNumber("room").longValue());

            long board = roomId("acme", "Board meeting — December");
            alice.send("{\"type\":\"join\",\"id\":\"b\",\"data\":{\"room\":" + board + "}}");
            assertError(alice.next("error"), "ROOM_FORBIDDEN");
            assertEquals("meeting", join(carol, board).getString("kind"));
        }
    }

    @Test
    void invalidPublishesAreRefusedWithTheirCode() {
        long room = roomId("acme", EVERYONE);
        try (QuorumClient alice = connect("acme", "alice", "member")) {
            join(alice, room);
            publish(alice, room, "p1", "urgent", "x");
            assertError(nextOfType(alice, "error"), "INVALID_MESSAGE");
            alice.send("{\"type\":\"publish\",\"id\":\"p2\",\"data\":{\"room\":" + room
                    + ",\"id\":\"p2\",\"type\":\"vote\",\"data\":{}}}");
            assertError(nextOfType(alice, "error"), "UNKNOWN_MESSAGE_TYPE");
            alice.send("{\"type\":\"publish\",\"id\":\"p3\",\"data\":{\"room\":" + room
                    + ",\"id\":\"p3\",\"type\":\"chat\",\"data\":{\"text\":\"<script>alert(1)</script>\"}}}");
            assertError(nextOfType(alice, "error"), "INVALID_MESSAGE");
            publish(alice, room, "p4", "normal", "<b>bold</b><img src=x onerror=alert(1)>");
            JsonObject own = nextOfType(alice, "message").getJsonObject("data");
            assertEquals("<b>bold</b>", own.getJsonObject("data").getString("text"));
        }
    }

    @Test
    void aResumeAfterReconnectingReplaysWhatWasMissedExactlyOnceThenContinuesLive() {
        long room = roomId("acme", EVERYONE);
        try (QuorumClient alice = connect("acme", "alice", "member")) {
            join(alice, room);
            long seen;
            try (QuorumClient bob = connect("acme", "bob", "member")) {
                join(bob, room);
                publish(alice, room, "before-drop", "normal", "seen live");
                seen = roomSeq(bob.next("message"));
                nextOfType(alice, "ack");
            }
            for (int i = 1; i <= 30; i++) {
                publish(alice, room, "while-away-" + i, "low", "missed " + i);
            }
            long last = 0;
            for (int i = 0; i < 30; i++) {
                last = Math.max(
                        last,
                        nextOfType(alice, "ack")
                                .getJsonObject("data")
                                .getJsonNumber("seq")
                                .longValue());
            }
            try (QuorumClient bob = connect("acme", "bob", "member")) {
                bob.send("{\"type\":\"resume\",\"id\":\"r\",\"data\":{\"room\":" + room + ",\"afterSeq\":" + seen
                        + "}}");
                JsonObject resumed = bob.next("resumed").getJsonObject("data");
                assertEquals(last, resumed.getJsonNumber("lastSeq").longValue());
                publish(alice, room, "after-resume", "normal", "live again");
                List<Long> sequences = new ArrayList<>();
                while (sequences.isEmpty() || sequences.get(sequences.size() - 1) < last + 1) {
                    sequences.add(roomSeq(bob.next("message")));
                }
                List<Long> expected = new ArrayList<>();
                for (long s = seen + 1; s <= last + 1; s++) {
                    expected.add(s);
                }
                assertEquals(expected, sequences, "no gap, no duplicate across replay and live");
                assertTrue(bob.drain(Duration.ofMillis(300)).stream()
                        .noneMatch(frame -> "message".equals(frame.getString("type"))));
            }
        }
    }

    @Test
    void twoPublishersRacingGetGaplessSequencesAndEveryReceiverSeesTheSameOrder() throws Exception {
        long room = roomId("acme", EVERYONE);
        try (QuorumClient alice = connect("acme", "alice", "member");
                QuorumClient carol = connect("acme", "carol", "member");
                QuorumClient bob = connect("acme", "bob", "member");
                QuorumClient dave = connect("acme", "dave", "member")) {
            long start = join(alice, room).getJsonNumber("lastSeq").longValue();
            join(carol, room);
            join(bob, room);
            join(dave, room);
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 40; i++) {
                    publish(alice, room, "race-a-" + i, "normal", "a" + i);
                }
            });
            CompletableFuture<Void> c = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 40; i++) {
                    publish(carol, room, "race-c-" + i, "normal", "c" + i);
                }
            });
            CompletableFuture.allOf(a, c).join();
            List<Long> bobSeen = new ArrayList<>();
            List<String> bobTexts = new ArrayList<>();
            List<String> daveTexts = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                JsonObject message = bob.next("message").getJsonObject("data");
                bobSeen.add(message.getJsonNumber("seq").longValue());
                bobTexts.add(message.getJsonObject("data").getString("text"));
                daveTexts.add(dave.next("message")
                        .getJsonObject("data")
                        .getJsonObject("data")
                        .getString("text"));
            }
            List<Long> expected = new ArrayList<>();
            for (long s = start + 1; s <= start + 80; s++) {
                expected.add(s);
            }
            assertEquals(expected, bobSeen);
            assertEquals(bobTexts, daveTexts);
        }
    }

    @Test
    void historyPagesBackwards() {
        long room = roomId("acme", "Finance division");
        try (QuorumClient alice = connect("acme", "alice", "member")) {
            long start = join(alice, room).getJsonNumber("lastSeq").longValue();
            for (int i = 1; i <= 7; i++) {
                publish(alice, room, "hist-" + i, "normal", "h" + i);
                nextOfType(alice, "ack");
            }
            alice.send("{\"type\":\"history\",\"id\":\"h1\",\"data\":{\"room\":" + room + ",\"limit\":3}}");
            JsonObject page = nextOfType(alice, "history").getJsonObject("data");
            assertTrue(page.getBoolean("hasMore"));
            List<Long> seqs = page.getJsonArray("messages").getValuesAs(JsonValue::asJsonObject).stream()
                    .map(m -> m.getJsonNumber("seq").longValue())
                    .toList();
            assertEquals(List.of(start + 5, start + 6, start + 7), seqs);
            alice.send("{\"type\":\"history\",\"id\":\"h2\",\"data\":{\"room\":" + room + ",\"beforeSeq\":"
                    + (start + 5) + ",\"limit\":3}}");
            List<Long> older = nextOfType(alice, "history")
                    .getJsonObject("data")
                    .getJsonArray("messages")
                    .getValuesAs(JsonValue::asJsonObject)
                    .stream()
                    .map(m -> m.getJsonNumber("seq").longValue())
                    .toList();
            assertEquals(List.of(start + 2, start + 3, start + 4), older);
        }
    }

    @Test
    void aSlowConsumerLosesLowPriorityFirstIsToldWhereToResumeAndNeverSeesDisorder() throws Exception {
        long room = roomId("acme", EVERYONE);
        String bulk = "x".repeat(9_000);
        try (QuorumClient alice = connect("acme", "alice", "member");
                RawWebSocket bob = RawWebSocket.connect(ws(), Tokens.valid("acme", "bob", "member"), 16 * 1024)) {
            assertTrue(bob.nextText().contains("\"welcome\""));
            bob.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            String answer = bob.nextText();
            while (answer.contains("\"presence.")) {
                // bob's own arrival is announced to the room, bob included, before the answer
                answer = bob.nextText();
            }
            assertTrue(answer.contains("\"joined\""), answer);
            join(alice, room);
            // bob stops reading: the socket buffers fill, then the server's queue of 64 (the tests' setting)
            for (int i = 0; i < 1500; i++) {
                publish(alice, room, "bulk-" + i, "low", bulk);
            }
            for (int i = 0; i < 1500; i++) {
                nextOfType(alice, "ack");
            }
            List<JsonObject> frames = new ArrayList<>();
            try {
                for (String text = bob.nextText(); text != null; text = bob.nextText()) {
                    frames.add(json(text));
                }
            } catch (java.net.SocketTimeoutException drained) {
                // everything the server sent has been read
            }
            List<JsonObject> gaps = frames.stream()
                    .filter(f -> "gap".equals(f.getString("type")))
                    .toList();
            assertFalse(
                    gaps.isEmpty(),
                    "the slow consumer is told that messages were dropped; got " + frames.size()
                            + " frames; metrics: "
                            + get(serverRoot("/metrics?scope=application"))
                                    .body()
                                    .lines()
                                    .filter(l -> l.startsWith("quorum_messages"))
                                    .toList());
            long lastSeq = 0;
            for (JsonObject frame : frames) {
                if ("message".equals(frame.getString("type"))) {
                    long seq = roomSeq(frame);
                    assertTrue(seq > lastSeq, "order is never broken: " + seq + " after " + lastSeq);
                    lastSeq = seq;
                }
            }
            long resumeFrom = gaps.get(0)
                    .getJsonObject("data")
                    .getJsonNumber("resumeFrom")
                    .longValue();
            assertTrue(resumeFrom > 0 && resumeFrom <= lastSeq + 1, "resume point " + resumeFrom + " after " + lastSeq);
            assertTrue(get(serverRoot("/metrics?scope=application")).body().contains("quorum_messages_dropped_total{"));
        }
    }

    @Test
    void aConnectionWhoseUrgentMessagesWaitTooLongIsClosedWith4009() throws Exception {
        long room = roomId("acme", EVERYONE);
        String bulk = "y".repeat(9_000);
        try (QuorumClient alice = connect("acme", "alice", "member");
                RawWebSocket bob = RawWebSocket.connect(ws(), Tokens.valid("acme", "bob", "member"), 16 * 1024)) {
            assertTrue(bob.nextText().contains("\"welcome\""));
            bob.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            join(alice, room);
            for (int i = 0; i < 2500; i++) {
                publish(alice, room, "stall-" + i, "low", bulk);
            }
            publish(alice, room, "urgent-" + System.nanoTime(), "critical", "Quorum lost");
            for (int i = 0; i < 2501; i++) {
                nextOfType(alice, "ack");
            }
            // bob reads nothing for longer than the urgent timeout (10 s)
            Thread.sleep(13_000);
            try {
                while (bob.nextText() != null) {
                    // what was already on its way; the close frame itself cannot pass the stalled queue
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                throw new AssertionError("the stalled connection was not closed");
            }
            String metrics = get(serverRoot("/metrics?scope=application")).body();
            assertTrue(
                    metrics.contains("quorum_connections_closed_total{")
                            && metrics.contains("reason=\"DELIVERY_TIMEOUT\""),
                    "closed for its urgent messages (4009)");
        }
    }

    @Test
    void presenceListsEachMemberOnceAndAnnouncesArrivalsStatusTypingAndDepartures() {
        long room = roomId("acme", "Finance division");
        try (QuorumClient alice = connect("acme", "alice", "member");
                QuorumClient carol = connect("acme", "carol", "member", "secretary")) {
            join(alice, room);
            join(carol, room);
            JsonObject arrived = alice.presenceChange("joined", "carol");
            assertEquals("online", arrived.getString("status"));
            try (QuorumClient carolsSecondTab = connect("acme", "carol", "member")) {
                join(carolsSecondTab, room);
            }
            alice.send("{\"type\":\"presence\",\"id\":\"pr\",\"data\":{\"room\":" + room + "}}");
            List<String> present = alice
                    .next("presence")
                    .getJsonObject("data")
                    .getJsonArray("members")
                    .getValuesAs(JsonValue::asJsonObject)
                    .stream()
                    .map(m -> m.getString("id"))
                    .sorted()
                    .toList();
            assertEquals(List.of("alice", "carol"), present, "two tabs are one presence");

            carol.send("{\"type\":\"typing\",\"data\":{\"room\":" + room + "}}");
            assertEquals(
                    "carol",
                    alice.next("typing")
                            .getJsonObject("data")
                            .getJsonObject("member")
                            .getString("id"));
            for (int line = 1; line <= 3; line++) {
                carol.send(
                        "{\"type\":\"cursor\",\"data\":{\"room\":" + room + ",\"position\":{\"line\":" + line + "}}}");
            }
            JsonObject cursor = alice.next("cursor").getJsonObject("data");
            assertEquals(3, cursor.getJsonObject("position").getInt("line"), "coalesced: the last position wins");
            carol.send("{\"type\":\"status\",\"data\":{\"status\":\"away\"}}");
            JsonObject away = alice.presenceChange("status", "carol");
            assertEquals("away", away.getString("status"));
            List<JsonObject> carolsFrames = carol.drain(Duration.ofMillis(300));
            assertTrue(
                    carolsFrames.stream()
                            .noneMatch(
                                    f -> "typing".equals(f.getString("type")) || "cursor".equals(f.getString("type"))),
                    "nobody is told about their own typing or cursor");
            assertTrue(
                    alice.drain(Duration.ofMillis(300)).stream().noneMatch(f -> "cursor".equals(f.getString("type"))),
                    "only one cursor position was relayed");
            carol.send("{\"type\":\"leave\",\"id\":\"l\",\"data\":{\"room\":" + room + "}}");
            assertEquals("away", alice.presenceChange("left", "carol").getString("status"), "as last seen");
        }
    }

    @Test
    void aDroppedConnectionLeavesOnlyAfterTheGracePeriodAndAReconnectDoesNotFlicker() {
        long room = roomId("acme", "Compliance desk");
        try (QuorumClient erin = connect("acme", "erin", "member", "compliance_officer")) {
            join(erin, room);
            QuorumClient frank = connect("acme", "frank", "member", "admin");
            join(frank, room);
            erin.presenceChange("joined", "frank");
            frank.close();
            // the tests run with a grace period of 3 seconds
            assertTrue(
                    erin.drain(Duration.ofMillis(1500)).stream()
                            .noneMatch(f -> f.toString().contains("\"left\":[{")),
                    "no departure within the grace period");
            erin.presenceChange("left", "frank");

            QuorumClient again = connect("acme", "frank", "member", "admin");
            join(again, room);
            erin.presenceChange("joined", "frank");
            again.close();
            try (QuorumClient back = connect("acme", "frank", "member", "admin")) {
                back.send("{\"type\":\"resume\",\"id\":\"r\",\"data\":{\"room\":" + room + ",\"afterSeq\":0}}");
                back.next("resumed");
                List<String> seen = erin.drain(Duration.ofSeconds(5)).stream()
                        .map(f -> f.getString("type"))
                        .filter(type -> type.startsWith("presence."))
                        .toList();
                assertEquals(List.of(), seen, "a reconnect within the grace period is invisible");
            }
        }
    }

    private static void assertError(JsonObject error, String code) {
        assertEquals(code, error.getJsonObject("data").getString("code"), error::toString);
    }
}
