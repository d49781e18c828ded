package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.launcher.ClusterNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro nodes in one Hazelcast cluster on one PostgreSQL: clients on different nodes in one
 * room receive the same messages in the same order with no gap, and a ticket works on either node.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static ClusterNode first;
    private static ClusterNode second;
    private static ClusterNode third;
    private static int clusterPortA;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final NodeLogsOnFailure NODE_LOGS =
            new NodeLogsOnFailure(() -> java.util.Arrays.asList(first, second, third));

    @BeforeAll
    static void startTwoNodes() throws Exception {
        SharedServer.stop(); // its timers would take this database's work away from these nodes
        Path work =
                Path.of(System.getProperty("quorum.it.work")).toAbsolutePath().resolve("cluster");
        int clusterA = TestEnvironment.freePort();
        clusterPortA = clusterA;
        int clusterB = TestEnvironment.freePort();
        String members = "127.0.0.1:" + clusterA + ",127.0.0.1:" + clusterB;
        String db = System.getProperty("quorum.it.dbUrl");
        first = ClusterNode.start(
                work, "node-a", TestEnvironment.freePort(), clusterA, TestEnvironment.freePort(), members, db);
        second = ClusterNode.start(
                work, "node-b", TestEnvironment.freePort(), clusterB, TestEnvironment.freePort(), members, db);
        first.awaitReady(Duration.ofMinutes(4));
        second.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (third != null) {
            third.close();
        }
    }

    /** The nodes run with quorum.cluster.interface=127.0.0.1: their cluster port is not reachable from outside. */
    @Test
    @org.junit.jupiter.api.Order(0)
    void theClusterPortListensOnlyOnTheConfiguredInterface() throws Exception {
        java.net.InetAddress outside =
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                        .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                        .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                        .findFirst()
                        .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "the machine has no address but loopback");
        try (java.net.Socket loopback = new java.net.Socket("127.0.0.1", clusterPortA)) {
            assertTrue(loopback.isConnected());
        }
        org.junit.jupiter.api.Assertions.assertThrows(
                java.net.ConnectException.class,
                () -> new java.net.Socket(outside, clusterPortA).close(),
                "the cluster port answers on " + outside);
    }

    private static QuorumClient connect(ClusterNode node, String member) {
        QuorumClient client = QuorumClient.withToken(node.ws(), Tokens.valid("acme", member, "member"));
        client.welcome();
        return client;
    }

    private static long join(QuorumClient client, long room) {
        client.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
        return client.next("joined")
                .getJsonObject("data")
                .getJsonNumber("lastSeq")
                .longValue();
    }

    private static void publish(QuorumClient client, long room, String id, String text) {
        client.send("{\"type\":\"publish\",\"id\":\"" + id + "\",\"data\":{\"room\":" + room + ",\"id\":\"" + id
                + "\",\"type\":\"chat\",\"data\":{\"text\":\"" + text + "\"}}}");
    }

    @Test
    void racingPublishersOnTwoNodesAreSeenGaplessAndInTheSameOrderOnBothNodes() {
        long room = QuorumIT.roomId("acme", "Acme — everyone");
        try (QuorumClient alice = connect(first, "alice");
                QuorumClient carol = connect(second, "carol");
                QuorumClient bob = connect(first, "bob");
                QuorumClient dave = connect(second, "dave")) {
            long start = join(alice, room);
            join(carol, room);
            join(bob, room);
            join(dave, room);
            alice.send("{\"type\":\"presence\",\"id\":\"p\",\"data\":{\"room\":" + room + "}}");
            String present = alice.next("presence")
                    .getJsonObject("data")
                    .getJsonArray("members")
                    .toString();
            for (String member : List.of("alice", "bob", "carol", "dave")) {
                assertTrue(present.contains("\"" + member + "\""), member + " is present, whichever node: " + present);
            }
            CompletableFuture<Void> onFirst = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    publish(alice, room, "cluster-a-" + i, "a" + i);
                }
            });
            CompletableFuture<Void> onSecond = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    publish(carol, room, "cluster-c-" + i, "c" + i);
                }
            });
            CompletableFuture.allOf(onFirst, onSecond).join();
            List<Long> expected = new ArrayList<>();
            for (long s = start + 1; s <= start + 60; s++) {
                expected.add(s);
            }
            List<String> onNodeA = new ArrayList<>();
            List<String> onNodeB = new ArrayList<>();
            List<Long> seqA = new ArrayList<>();
            List<Long> seqB = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                JsonObject a = bob.next("message").getJsonObject("data");
                JsonObject b = dave.next("message").getJsonObject("data");
                seqA.add(a.getJsonNumber("seq").longValue());
                seqB.add(b.getJsonNumber("seq").longValue());
                onNodeA.add(a.getJsonObject("data").getString("text"));
                onNodeB.add(b.getJsonObject("data").getString("text"));
            }
            assertEquals(expected, seqA);
            assertEquals(expected, seqB);
            assertEquals(onNodeA, onNodeB);
        }
    }

    /**
     * Four editors, two on each node, type at random into one document, each dropping its connection once:
     * the database orders their operations, and every editor ends with the text both nodes serve.
     */
    @Test
    void editorsOnTwoNodesConvergeOnOneDocument() throws Exception {
        String alice = Tokens.valid("acme", "alice", "member");
        HttpResponse<String> created = QuorumIT.HTTP.send(
                HttpRequest.newBuilder(first.api("documents"))
                        .header("Authorization", "Bearer " + alice)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Edited on two nodes\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
        long doc = QuorumIT.json(created.body()).getJsonNumber("id").longValue();
        long seed = Long.getLong("quorum.documents.seed", System.nanoTime());
        System.out.println("ClusterIT documents seed " + seed);
        java.util.Random random = new java.util.Random(seed);
        List<Editor> editors = new ArrayList<>();
        try {
            editors.add(new Editor(first.ws(), "alice", doc, random.nextLong()).open());
            editors.add(new Editor(second.ws(), "bob", doc, random.nextLong()).open());
            editors.add(new Editor(first.ws(), "carol", doc, random.nextLong()).open());
            editors.add(new Editor(second.ws(), "dave", doc, random.nextLong()).open());
            EditingSession.type(editors, random, 300);
            for (ClusterNode node : List.of(first, second)) {
                HttpResponse<String> read = QuorumIT.HTTP.send(
                        HttpRequest.newBuilder(node.api("documents/" + doc))
                                .header("Authorization", "Bearer " + alice)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, read.statusCode(), read::body);
                JsonObject server = QuorumIT.json(read.body());
                String figures = EditingSession.assertConverged(
                        editors, server.getJsonNumber("revision").longValue(), server.getString("content"));
                System.out.println("ClusterIT: editors on two nodes: " + figures);
            }
        } finally {
            editors.forEach(Editor::close);
        }
    }

    @Test
    void messagesTheClusterTopicLostAreRepairedFromTheLogInOrderAndOnce() throws Exception {
        long room = QuorumIT.roomId("acme", "Acme — everyone");
        try (QuorumClient alice = connect(first, "alice");
                QuorumClient carol = connect(second, "carol")) {
            long start = join(alice, room);
            join(carol, room);
            dropClusterMessages(second, true);
            try {
                for (int i = 0; i < 15; i++) {
                    MeetingSteps.ok(MeetingSteps.command(
                            alice,
                            "publish",
                            "{\"room\":" + room + ",\"id\":\"lost-" + UUID.randomUUID()
                                    + "\",\"type\":\"chat\",\"data\":{\"text\":\"lost " + i + "\"}}"));
                }
                // nothing reaches node B over the topic now: the last message, too, must be repaired
                List<Long> sequences = new ArrayList<>();
                java.time.Instant until = java.time.Instant.now().plusSeconds(15);
                while (sequences.size() < 15 && java.time.Instant.now().isBefore(until)) {
                    for (JsonObject frame : carol.drain(Duration.ofMillis(300))) {
                        if ("message".equals(frame.getString("type"))
                                && frame.getJsonObject("data")
                                                .getJsonNumber("room")
                                                .longValue()
                                        == room) {
                            sequences.add(frame.getJsonObject("data")
                                    .getJsonNumber("seq")
                                    .longValue());
                        }
                    }
                }
                sequences.addAll(carol.drain(Duration.ofMillis(1500)).stream()
                        .filter(f -> "message".equals(f.getString("type")))
                        .map(f -> f.getJsonObject("data").getJsonNumber("seq").longValue())
                        .toList());
                List<Long> expected = new ArrayList<>();
                for (long seq = start + 1; seq <= start + 15; seq++) {
                    expected.add(seq);
                }
                assertEquals(expected, sequences, "every message, in order, once, without the topic");
            } finally {
                dropClusterMessages(second, false);
            }
        }
    }

    @Test
    void aPublishThatFailsAtCommitReachesNoNode() throws Exception {
        long room = QuorumIT.roomId("acme", "Acme — everyone");
        try (QuorumClient alice = connect(first, "alice");
                QuorumClient bob = connect(first, "bob");
                QuorumClient carol = connect(second, "carol")) {
            long start = join(alice, room);
            join(bob, room);
            join(carol, room);
            // a deferred constraint trigger fails the commit itself, after the message was appended
            MeetingSteps.sql("CREATE OR REPLACE FUNCTION it_refuse_chat_at_commit() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.payload ->> 'text' = 'never committed' THEN RAISE EXCEPTION 'injected commit failure'; "
                    + "END IF; RETURN NULL; END $$ LANGUAGE plpgsql");
            MeetingSteps.sql("CREATE CONSTRAINT TRIGGER it_refuse_chat_at_commit AFTER INSERT ON message "
                    + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION it_refuse_chat_at_commit()");
            try {
                JsonObject answer = MeetingSteps.command(
                        alice,
                        "publish",
                        "{\"room\":" + room + ",\"id\":\"" + UUID.randomUUID()
                                + "\",\"type\":\"chat\",\"data\":{\"text\":\"never committed\"}}");
                assertEquals("error", answer.getString("type"), answer::toString);
                for (QuorumClient observer : List.of(bob, carol)) {
                    assertTrue(
                            observer.drain(Duration.ofMillis(1500)).stream()
                                    .noneMatch(f -> "message".equals(f.getString("type"))),
                            "no node delivers a message that rolled back");
                }
            } finally {
                MeetingSteps.sql("DROP TRIGGER it_refuse_chat_at_commit ON message");
                MeetingSteps.sql("DROP FUNCTION it_refuse_chat_at_commit()");
            }
            MeetingSteps.ok(MeetingSteps.command(
                    alice,
                    "publish",
                    "{\"room\":" + room + ",\"id\":\"" + UUID.randomUUID()
                            + "\",\"type\":\"chat\",\"data\":{\"text\":\"committed\"}}"));
            JsonObject delivered = carol.next("message").getJsonObject("data");
            assertEquals(start + 1, delivered.getJsonNumber("seq").longValue(), "the next message takes the sequence");
            assertEquals("committed", delivered.getJsonObject("data").getString("text"));
        }
    }

    private static void dropClusterMessages(ClusterNode node, boolean drop) throws Exception {
        HttpResponse<String> response = QuorumIT.HTTP.send(
                HttpRequest.newBuilder(node.api("dev/faults/drop-cluster-messages"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":" + drop + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void theNewestQuorumMessageMatchesAttendanceAfterConcurrentCheckInsOnTwoNodes() throws Exception {
        createVoters();
        int attendees = 50;
        StringBuilder participants = new StringBuilder("{\"member\":\"chair\"}");
        for (int i = 1; i <= attendees; i++) {
            participants.append(",{\"member\":\"").append(voter(i)).append("\"}");
        }
        HttpResponse<String> created = QuorumIT.HTTP.send(
                HttpRequest.newBuilder(first.api("meetings"))
                        .header(
                                "Authorization",
                                "Bearer " + Tokens.valid(VOTERS_ORGANIZATION, "chair", "member", "chair"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"board\",\"title\":\"Check-ins "
                                + UUID.randomUUID() + "\",\"scheduledAt\":\"" + java.time.Instant.now()
                                + "\",\"participants\":[" + participants + "]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject meeting = QuorumIT.json(created.body()).getJsonObject("meeting");
        long meetingId = meeting.getJsonNumber("id").longValue();
        long room = meeting.getJsonNumber("room").longValue();
        List<QuorumClient> clients = new ArrayList<>();
        try {
            for (int i = 1; i <= attendees; i++) {
                clients.add(votingClient(i % 2 == 0 ? first : second, voter(i), "member"));
            }
            List<CompletableFuture<JsonObject>> checkIns = clients.stream()
                    .map(client -> CompletableFuture.supplyAsync(
                            () -> MeetingSteps.command(client, "meeting.checkin", "{\"meeting\":" + meetingId + "}")))
                    .toList();
            for (CompletableFuture<JsonObject> checkIn : checkIns) {
                MeetingSteps.ok(checkIn.get());
            }
            String newest = (String) MeetingSteps.sql(
                    "SELECT CAST(payload AS TEXT) FROM message WHERE room_id = ? AND type = 'meeting.quorum' "
                            + "ORDER BY sequence DESC LIMIT 1",
                    room);
            JsonObject quorum = QuorumIT.json(newest).getJsonObject("quorum");
            assertEquals(attendees, quorum.getJsonNumber("present").intValue(), "the newest quorum message: " + newest);
            assertTrue(quorum.getBoolean("met"), newest);
            // in sequence order, the counts are 1, 2, ... 50: the room's order is the order of the decisions
            String counts = (String) MeetingSteps.sql(
                    "SELECT string_agg(payload -> 'quorum' ->> 'present', ',' ORDER BY sequence) FROM message "
                            + "WHERE room_id = ? AND type = 'meeting.quorum'",
                    room);
            StringBuilder expected = new StringBuilder();
            for (int i = 1; i <= attendees; i++) {
                expected.append(i == 1 ? "" : ",").append(i);
            }
            assertEquals(expected.toString(), counts.replace(".0", ""), "one quorum message per check-in, in order");
        } finally {
            clients.forEach(QuorumClient::close);
        }
    }

    @Test
    void aTicketIssuedByOneNodeOpensAConnectionOnTheOther() throws Exception {
        HttpResponse<String> issued = QuorumIT.HTTP.send(
                HttpRequest.newBuilder(first.api("tickets"))
                        .header("Authorization", "Bearer " + Tokens.valid("acme", "erin", "member"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, issued.statusCode(), issued::body);
        String ticket =
                Json.createReader(new StringReader(issued.body())).readObject().getString("ticket");
        try (QuorumClient erin = QuorumClient.withTicket(second.ws(), ticket)) {
            assertEquals("erin", erin.welcome().getJsonObject("member").getString("id"));
        }
    }

    @Test
    void aDirectMessageReachesEverySessionOfTheMemberOnTheOtherNode() {
        try (QuorumClient alice = connect(first, "alice");
                QuorumClient bobOnB = connect(second, "bob");
                QuorumClient bobAlsoOnB = connect(second, "bob")) {
            alice.send("{\"type\":\"direct\",\"id\":\"d1\",\"data\":{\"to\":\"bob\",\"id\":\"dm-" + System.nanoTime()
                    + "\",\"data\":{\"text\":\"Can we talk before the vote?\"}}}");
            JsonObject first = bobOnB.next("message").getJsonObject("data");
            JsonObject second = bobAlsoOnB.next("message").getJsonObject("data");
            assertEquals(
                    "Can we talk before the vote?", first.getJsonObject("data").getString("text"));
            assertEquals("alice", first.getJsonObject("sender").getString("id"));
            assertEquals(first.getJsonNumber("seq"), second.getJsonNumber("seq"));
            JsonObject ack = alice.next();
            while (!"ack".equals(ack.getString("type"))) {
                // the sender's own sessions get the message too
                ack = alice.next();
            }
            assertEquals(first.getJsonNumber("room"), ack.getJsonObject("data").getJsonNumber("room"));
            alice.send(
                    "{\"type\":\"direct\",\"id\":\"d2\",\"data\":{\"to\":\"gina\",\"id\":\"dm-x\",\"data\":{\"text\":\"hi\"}}}");
            JsonObject refused = alice.next("error").getJsonObject("data");
            assertEquals("MEMBER_UNKNOWN", refused.getString("code"), "members of other organizations are unknown");
        }
    }

    @Test
    void aMemberDeactivatedOverScimAndASuspendedOrganizationAreDisconnectedOnBothNodes() throws Exception {
        String operator = Tokens.valid("acme", "pat", "member", "platform_admin");
        String slug = "cluster-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertEquals(
                201,
                send(
                                first,
                                "POST",
                                "platform/organizations",
                                operator,
                                "{\"slug\":\"" + slug + "\",\"name\":\"Cluster tenant\"}")
                        .statusCode());
        HttpResponse<String> issued = send(
                first,
                "POST",
                "platform/organizations/" + slug + "/provisioning-tokens",
                operator,
                "{\"label\":\"IdP\"}");
        assertEquals(201, issued.statusCode(), issued::body);
        String secret =
                Json.createReader(new StringReader(issued.body())).readObject().getString("secret");
        HttpResponse<String> created =
                send(first, "POST", "scim/v2/Users", secret, "{\"userName\":\"nora@" + slug + "\"}");
        assertEquals(201, created.statusCode(), created::body);
        String id =
                Json.createReader(new StringReader(created.body())).readObject().getString("id");
        String token = Tokens.valid(slug, "nora@" + slug, "member");
        String activeFalse = "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}";
        try (QuorumClient onA = QuorumClient.withToken(first.ws(), token);
                QuorumClient onB = QuorumClient.withToken(second.ws(), token)) {
            onA.welcome();
            onB.welcome();
            assertEquals(
                    200,
                    send(first, "PATCH", "scim/v2/Users/" + id, secret, activeFalse)
                            .statusCode());
            assertEquals(4003, onA.awaitClose());
            assertEquals(4003, onB.awaitClose(), "the other node closes its connection too");
        }
        assertEquals(
                200,
                send(second, "PATCH", "scim/v2/Users/" + id, secret, activeFalse.replace("False", "True"))
                        .statusCode());
        try (QuorumClient onA = QuorumClient.withToken(first.ws(), token);
                QuorumClient onB = QuorumClient.withToken(second.ws(), token)) {
            onA.welcome();
            onB.welcome();
            assertEquals(
                    200,
                    send(second, "POST", "platform/organizations/" + slug + "/suspend", operator, null)
                            .statusCode());
            assertEquals(4003, onA.awaitClose());
            assertEquals(4003, onB.awaitClose());
        }
    }

    private static HttpResponse<String> send(ClusterNode node, String method, String path, String token, String body)
            throws Exception {
        return QuorumIT.call(node.api(path), method, token, body);
    }

    /** The next compliance alert about the finding (any when 0), skipping every other frame. */
    private static JsonObject alertAbout(QuorumClient client, long finding, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = client.poll(Duration.ofMillis(200));
            if (frame != null
                    && frame.getString("type").equals("compliance.alert")
                    && (finding == 0
                            || frame.getJsonObject("data")
                                            .getJsonNumber("finding")
                                            .longValue()
                                    == finding)) {
                return frame.getJsonObject("data");
            }
        }
        return null;
    }

    /**
     * A critical finding made on one node is alerted to the officer on the other at once, repeated — each
     * repeat once across the cluster, whichever node's timer claims it — then to the admin too, and is silent
     * on both nodes once acknowledged.
     */
    @Test
    void aCriticalFindingEscalatesAcrossTheClusterOnceEachTimeUntilAcknowledged() throws Exception {
        String erinToken = Tokens.valid("acme", "erin", "member", "compliance_officer");
        String frankToken = Tokens.valid("acme", "frank", "member", "admin");
        HttpResponse<String> critical = send(
                first, "PUT", "compliance/rules/phone", erinToken, "{\"severity\":\"critical\",\"action\":\"flag\"}");
        assertEquals(200, critical.statusCode(), critical::body);
        String marker = "ref" + System.nanoTime() % 1_000_000;
        try (QuorumClient erin = QuorumClient.withToken(second.ws(), erinToken);
                QuorumClient frank = QuorumClient.withToken(first.ws(), frankToken);
                QuorumClient alice = connect(first, "alice")) {
            erin.welcome();
            frank.welcome();
            long room = QuorumIT.roomId("acme", "Acme — everyone");
            join(alice, room);
            publish(alice, room, "alert-" + marker, "Call the registrar on 212-736-5000 " + marker);
            JsonObject alerted = null;
            for (int i = 0; i < 20 && alerted == null; i++) {
                JsonObject alert = alertAbout(erin, 0, Duration.ofSeconds(20));
                assertTrue(alert != null, "the officer on the other node is alerted");
                if (alert.getString("excerpt").contains(marker)) {
                    alerted = alert;
                }
            }
            assertTrue(alerted != null, "the officer on the other node is alerted about this finding");
            long finding = alerted.getJsonNumber("finding").longValue();
            assertEquals(0, alerted.getInt("escalation"));
            JsonObject toAdmin = null;
            while (toAdmin == null) {
                JsonObject repeat = alertAbout(frank, finding, Duration.ofSeconds(20));
                assertTrue(repeat != null, "the admin is alerted after the repeats");
                if (repeat.getBoolean("adminsAlerted")) {
                    toAdmin = repeat;
                }
            }
            assertTrue(toAdmin.getInt("escalation") >= 2, toAdmin::toString);
            assertEquals(
                    204,
                    send(first, "POST", "compliance/findings/" + finding + "/acknowledge", erinToken, null)
                            .statusCode());
            // a repeat claimed just before the acknowledgement may still go out; after that, silence on both nodes
            Thread.sleep(1_000);
            String alertsOfFinding = "SELECT count(*) FROM message WHERE type = 'compliance.alert' "
                    + "AND (payload->>'finding')::bigint = ?";
            long atAcknowledgement = ((Number) MeetingSteps.sql(alertsOfFinding, finding)).longValue();
            Thread.sleep(5_000); // more than two repeat periods
            assertEquals(
                    atAcknowledgement,
                    ((Number) MeetingSteps.sql(alertsOfFinding, finding)).longValue(),
                    "acknowledged: no node repeats it");
            for (QuorumClient officerOrAdmin : List.of(erin, frank)) {
                for (JsonObject frame = alertAbout(officerOrAdmin, finding, Duration.ofMillis(500));
                        frame != null;
                        frame = alertAbout(officerOrAdmin, finding, Duration.ofMillis(500))) {
                    assertTrue(frame.getInt("escalation") < atAcknowledgement, "no repeat after the acknowledgement");
                }
            }
            long sent = ((Number) MeetingSteps.sql(
                            "SELECT count(*) FROM message WHERE type = 'compliance.alert' "
                                    + "AND (payload->>'finding')::bigint = ?",
                            finding))
                    .longValue();
            long distinct = ((Number) MeetingSteps.sql(
                            "SELECT count(DISTINCT payload->>'escalation') FROM message "
                                    + "WHERE type = 'compliance.alert' AND (payload->>'finding')::bigint = ?",
                            finding))
                    .longValue();
            assertEquals(distinct, sent, "each repeat went out once, from one node");
            assertTrue(sent >= 3, "the first alert and at least two repeats");
        } finally {
            send(first, "PUT", "compliance/rules/phone", erinToken, "{\"severity\":\"low\",\"action\":\"flag\"}");
        }
    }

    @Test
    void aMemberRemovedOnOneNodeLosesTheRoomOnTheOther() throws Exception {
        long room = QuorumIT.roomId("acme", "Board meeting — December");
        try (QuorumClient bob = connect(second, "bob")) {
            join(bob, room);
            HttpClient http = QuorumIT.HTTP;
            String frank = Tokens.valid("acme", "frank", "member", "admin");
            HttpResponse<String> removed = http.send(
                    HttpRequest.newBuilder(first.api("admin/rooms/" + room + "/members/bob"))
                            .header("Authorization", "Bearer " + frank)
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, removed.statusCode(), removed::body);
            assertEquals(
                    room,
                    bob.next("removed")
                            .getJsonObject("data")
                            .getJsonNumber("room")
                            .longValue());
            HttpResponse<String> restored = http.send(
                    HttpRequest.newBuilder(first.api("admin/rooms/" + room + "/members/bob"))
                            .header("Authorization", "Bearer " + frank)
                            .PUT(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, restored.statusCode());
        }
    }

    /**
     * The second node frozen (SIGSTOP) for 10 s: the first keeps serving handshakes, joins, presence and
     * publishes within 3 s each, although about half of the rooms' presence entries live on the frozen
     * node (Hazelcast would hold each call for a minute). After the thaw both nodes serve again.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 2)
    void aFrozenNodeDoesNotStallTheOther() throws Exception {
        List<Long> rooms = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rooms.add(createRoom("Frozen " + i));
        }
        second.freeze();
        try {
            long frozen = System.nanoTime();
            long started = System.nanoTime();
            try (QuorumClient alice = connect(first, "alice")) {
                assertFast(started, "the handshake");
                for (long room : rooms) {
                    started = System.nanoTime();
                    join(alice, room);
                    assertFast(started, "joining room " + room);
                }
                started = System.nanoTime();
                alice.send("{\"type\":\"presence\",\"id\":\"pf\",\"data\":{\"room\":" + rooms.get(0) + "}}");
                assertTrue(alice.next("presence").toString().contains("\"alice\""));
                assertFast(started, "the presence query");
                started = System.nanoTime();
                publish(alice, rooms.get(1), "frozen-" + System.nanoTime(), "while the other node is frozen");
                JsonObject ack = alice.next();
                while (!ack.getString("type").equals("ack")) {
                    ack = alice.next();
                }
                assertFast(started, "a publish");
            }
            long left = java.util.concurrent.TimeUnit.SECONDS.toNanos(10) - (System.nanoTime() - frozen);
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
        } finally {
            second.thaw();
        }
        // both serve again
        try (QuorumClient bob = connect(second, "bob");
                QuorumClient carol = connect(first, "carol")) {
            join(bob, rooms.get(2));
            join(carol, rooms.get(2));
            publish(carol, rooms.get(2), "thawed-" + System.nanoTime(), "after the thaw");
            assertEquals(
                    "after the thaw", nextMessage(bob).getJsonObject("data").getString("text"));
        }
    }

    /** A new room of the acme organization that every member may join. */
    private static long createRoom(String name) throws Exception {
        java.net.http.HttpResponse<String> created = QuorumIT.HTTP.send(
                java.net.http.HttpRequest.newBuilder(first.api("admin/rooms"))
                        .header("Authorization", "Bearer " + Tokens.valid("acme", "frank", "member", "admin"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"kind\":\"division\","
                                + "\"name\":\"" + name + " " + java.util.UUID.randomUUID()
                                + "\",\"accessRule\":\"organization\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
        return QuorumIT.json(created.body()).getJsonNumber("id").longValue();
    }

    private static void assertFast(long startedNanos, String what) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        assertTrue(millis < 3_000, what + " took " + millis + " ms while a node was frozen");
    }

    private static JsonObject nextMessage(QuorumClient client) {
        while (true) {
            JsonObject frame = client.next();
            if ("message".equals(frame.getString("type"))) {
                return frame.getJsonObject("data");
            }
        }
    }

    /**
     * Runs next to last: it kills the second node. Its members' presences end after the grace period (15 s)
     * like any dropped connection's, not at once; a member who reconnects to the surviving node within the
     * grace is never reported gone.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
    void whenANodeDiesThePresencesItHeldEndOnTheOthersAfterTheGrace() throws Exception {
        long room = QuorumIT.roomId("acme", "Acme — everyone");
        // meanwhile, under load: a member publishing on each node, the dying one's publisher moving over
        long loadRoom = createRoom("Load while a node dies");
        PublishLoad load = new PublishLoad(loadRoom);
        java.util.concurrent.atomic.AtomicBoolean secondAlive = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (QuorumClient reader = connect(first, "frank");
                QuorumClient alice = connect(first, "alice");
                QuorumClient bob = connect(second, "bob");
                QuorumClient carol = connect(second, "carol")) {
            long loadStart = join(reader, loadRoom);
            load.reader(reader);
            load.publisher("erin", () -> joinedClient(first, "erin", loadRoom));
            load.publisher("dave", () -> joinedClient(secondAlive.get() ? second : first, "dave", loadRoom));
            Thread.sleep(3_000);
            int beforeKill = load.acknowledged();
            join(alice, room);
            join(bob, room);
            join(carol, room);
            alice.send("{\"type\":\"presence\",\"id\":\"p\",\"data\":{\"room\":" + room + "}}");
            String present = alice.next("presence").toString();
            assertTrue(present.contains("\"bob\"") && present.contains("\"carol\""), present);
            long died = System.nanoTime();
            secondAlive.set(false);
            second.kill();
            // bob's network comes back on the surviving node; carol's does not
            try (QuorumClient bobAgain = connect(first, "bob")) {
                join(bobAgain, room);
                long deadline = died + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                long carolLeftAfter = -1;
                while (carolLeftAfter < 0 && System.nanoTime() < deadline) {
                    for (JsonObject frame : alice.drain(Duration.ofSeconds(1))) {
                        if (!"presence.changed".equals(frame.getString("type"))) {
                            continue;
                        }
                        for (JsonObject gone :
                                frame.getJsonObject("data").getJsonArray("left").getValuesAs(JsonObject.class)) {
                            String who = gone.getString("id");
                            assertTrue(!who.equals("bob"), "bob reconnected within the grace, yet was reported gone");
                            if (who.equals("carol")) {
                                carolLeftAfter = (System.nanoTime() - died) / 1_000_000;
                            }
                        }
                    }
                }
                assertTrue(carolLeftAfter >= 0, "carol's presence ended although her node could not run its timer");
                assertTrue(carolLeftAfter >= 12_000, "carol was reported gone after " + carolLeftAfter + " ms");
                // a little longer: bob is still there
                for (JsonObject frame : alice.drain(Duration.ofSeconds(3))) {
                    if ("presence.changed".equals(frame.getString("type"))) {
                        assertTrue(
                                !frame.getJsonObject("data")
                                        .getJsonArray("left")
                                        .toString()
                                        .contains("\"bob\""),
                                frame::toString);
                    }
                }
                alice.send("{\"type\":\"presence\",\"id\":\"p2\",\"data\":{\"room\":" + room + "}}");
                String after = alice.next("presence").toString();
                assertTrue(after.contains("\"bob\"") && !after.contains("\"carol\""), after);
            }
            load.stop();
            System.out.println("ClusterIT: kill -9 under load: " + load.summary());
            assertTrue(beforeKill > 20, "the load ran before the kill: " + beforeKill + " acknowledged");
            assertTrue(load.acknowledged() > beforeKill + 20, "publishing went on after the kill: " + load.summary());
            load.verify(System.getProperty("quorum.it.dbUrl"), System.getProperty("quorum.it.dbUser"), loadStart);
        }
    }

    /** A connection that joined the room; closed again when the join fails, so a retrying caller leaks none. */
    private static QuorumClient joinedClient(ClusterNode node, String member, long room) {
        QuorumClient client = connect(node, member);
        try {
            join(client, room);
            return client;
        } catch (RuntimeException | AssertionError failed) {
            client.close();
            throw failed;
        }
    }

    // ---- voting across the cluster ------------------------------------------------------------------

    private static final String VOTERS_ORGANIZATION = "votingtest";
    private static final int VOTERS = 200;

    /** An organization of 200 voters and a chair, written straight into the shared database. */
    private static void createVoters() throws Exception {
        MeetingSteps.sql(
                "INSERT INTO organization (slug, name) VALUES (?, 'Voting test') ON CONFLICT DO NOTHING",
                VOTERS_ORGANIZATION);
        MeetingSteps.sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT o.id, 'v' || lpad(i::text, 3, '0'), "
                        + "'Voter ' || i FROM organization o, generate_series(1, ?) i WHERE o.slug = ? ON CONFLICT DO NOTHING",
                VOTERS,
                VOTERS_ORGANIZATION);
        MeetingSteps.sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT o.id, 'chair', 'The Chair' "
                        + "FROM organization o WHERE o.slug = ? ON CONFLICT DO NOTHING",
                VOTERS_ORGANIZATION);
    }

    private static String voter(int i) {
        return String.format("v%03d", i);
    }

    private static QuorumClient votingClient(ClusterNode node, String subject, String... roles) {
        QuorumClient client = QuorumClient.withToken(node.ws(), Tokens.valid(VOTERS_ORGANIZATION, subject, roles));
        client.welcome();
        return client;
    }

    /** A board meeting of the 200 voters (quorum: the chair's presence), with a motion the chair has opened. */
    private static long[] openMotion(QuorumClient chair, QuorumClient seconder, Integer votingSeconds)
            throws Exception {
        StringBuilder participants = new StringBuilder();
        for (int i = 1; i <= VOTERS; i++) {
            participants
                    .append(i == 1 ? "" : ",")
                    .append("{\"member\":\"")
                    .append(voter(i))
                    .append("\"}");
        }
        participants.append(",{\"member\":\"chair\"}");
        HttpResponse<String> created = QuorumIT.HTTP.send(
                HttpRequest.newBuilder(first.api("meetings"))
                        .header(
                                "Authorization",
                                "Bearer " + Tokens.valid(VOTERS_ORGANIZATION, "chair", "member", "chair"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"kind\":\"board\",\"title\":\"Cluster vote " + UUID.randomUUID()
                                        + "\",\"scheduledAt\":\"" + java.time.Instant.now()
                                        + "\",\"quorumRule\":\"count\",\"quorumValue\":1,"
                                        + "\"participants\":[" + participants + "]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        long meeting = QuorumIT.json(created.body())
                .getJsonObject("meeting")
                .getJsonNumber("id")
                .longValue();
        MeetingSteps.ok(MeetingSteps.command(chair, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
        MeetingSteps.start(chair, meeting);
        long motion = MeetingSteps.propose(
                chair, meeting, votingSeconds == null ? "" : ",\"votingSeconds\":" + votingSeconds);
        MeetingSteps.ok(MeetingSteps.command(seconder, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
        MeetingSteps.ok(MeetingSteps.command(seconder, "motion.second", "{\"motion\":" + motion + "}"));
        MeetingSteps.ok(MeetingSteps.command(chair, "motion.open", "{\"motion\":" + motion + "}"));
        return new long[] {meeting, motion};
    }

    /** Runs after the message tests: 200 connections closing at once should not overlap their timing. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 2)
    void twoHundredVotersVotingAtOnceOnTwoNodesAreCountedExactlyOnce() throws Exception {
        createVoters();
        List<QuorumClient> voters = new ArrayList<>();
        try (QuorumClient chair = votingClient(first, "chair", "member", "chair")) {
            for (int i = 1; i <= VOTERS; i++) {
                voters.add(votingClient(i % 2 == 0 ? first : second, voter(i), "member"));
            }
            long motion = openMotion(chair, voters.get(0), null)[1];
            String[] options = {"for", "against", "abstain"};
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(50);
            List<CompletableFuture<Void>> votes = new ArrayList<>();
            for (int i = 0; i < VOTERS; i++) {
                QuorumClient client = voters.get(i);
                int index = i;
                votes.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            // every voter votes, and sends it again as a client retrying after a lost answer would
                            String vote = "{\"motion\":" + motion + ",\"choice\":\"" + options[index % 3] + "\"}";
                            client.send("{\"type\":\"vote\",\"id\":\"v1\",\"data\":" + vote + "}");
                            client.send("{\"type\":\"vote\",\"id\":\"v2\",\"data\":" + vote + "}");
                        },
                        senders));
            }
            long started = System.nanoTime();
            start.countDown();
            CompletableFuture.allOf(votes.toArray(CompletableFuture[]::new)).join();
            senders.shutdown();
            for (QuorumClient client : voters) {
                for (int answer = 0; answer < 2; answer++) {
                    JsonObject recorded;
                    do {
                        recorded = client.next();
                    } while (!recorded.containsKey("replyTo"));
                    assertEquals("vote.recorded", recorded.getString("type"), recorded::toString);
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            java.util.logging.Logger.getLogger(ClusterIT.class.getName())
                    .info(() -> VOTERS * 2 + " votes from " + VOTERS + " voters on two nodes recorded in " + millis
                            + " ms");

            JsonObject closed =
                    MeetingSteps.ok(MeetingSteps.command(chair, "motion.close", "{\"motion\":" + motion + "}"));
            assertEquals("closed", closed.getString("status"));
            long expectedFor = java.util.stream.IntStream.range(0, VOTERS)
                    .filter(i -> i % 3 == 0)
                    .count();
            long expectedAgainst = java.util.stream.IntStream.range(0, VOTERS)
                    .filter(i -> i % 3 == 1)
                    .count();
            assertEquals(
                    (long) VOTERS,
                    ((Number) MeetingSteps.sql("SELECT COUNT(*) FROM vote WHERE motion_id = ?", motion)).longValue());
            assertEquals(
                    expectedFor,
                    ((Number) MeetingSteps.sql(
                                    "SELECT COUNT(*) FROM vote WHERE motion_id = ? AND choice = 'for'", motion))
                            .longValue());
            assertEquals(
                    2L * VOTERS,
                    ((Number) MeetingSteps.sql("SELECT tally_version FROM motion WHERE id = ?", motion)).longValue());
            String minute = (String) MeetingSteps.sql("SELECT text FROM decision_minute WHERE motion_id = ?", motion);
            assertTrue(minute.contains("Result: for " + expectedFor + "; against " + expectedAgainst + ";"), minute);
            assertTrue(minute.contains(VOTERS + " of " + (VOTERS + 1) + " eligible voted"), minute);
        } finally {
            voters.forEach(QuorumClient::close);
        }
    }

    /** Runs last: with every node down the deadline passes; the first node back closes the motion. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aMotionWhoseDeadlinePassedWhileNoNodeRanIsClosedByTheFirstNodeBack() throws Exception {
        createVoters();
        long motion;
        try (QuorumClient chair = votingClient(first, "chair", "member", "chair");
                QuorumClient seconder = votingClient(first, voter(1), "member")) {
            motion = openMotion(chair, seconder, 5)[1];
            MeetingSteps.ok(MeetingSteps.vote(seconder, motion, "for"));
        }
        first.close();
        Thread.sleep(6_000);
        assertEquals(
                "open",
                MeetingSteps.sql("SELECT status FROM motion WHERE id = ?", motion),
                "no node was there to close it");
        Path work =
                Path.of(System.getProperty("quorum.it.work")).toAbsolutePath().resolve("cluster");
        third = ClusterNode.start(
                work,
                "node-c",
                TestEnvironment.freePort(),
                TestEnvironment.freePort(),
                TestEnvironment.freePort(),
                "",
                System.getProperty("quorum.it.dbUrl"));
        third.awaitReady(Duration.ofMinutes(4));
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!"closed".equals(MeetingSteps.sql("SELECT status FROM motion WHERE id = ?", motion))
                && System.nanoTime() < until) {
            Thread.sleep(250);
        }
        assertEquals("closed", MeetingSteps.sql("SELECT status FROM motion WHERE id = ?", motion));
        assertEquals("deadline", MeetingSteps.sql("SELECT closed_by FROM motion WHERE id = ?", motion));
        assertEquals("carried", MeetingSteps.sql("SELECT outcome FROM motion WHERE id = ?", motion));
        assertNotNull(MeetingSteps.sql("SELECT text FROM decision_minute WHERE motion_id = ?", motion));
    }
}
