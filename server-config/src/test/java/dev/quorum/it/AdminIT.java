package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The administration API: only an organization's admins, only their organization, every action audited. */
class AdminIT extends QuorumIT {

    private static final String FRANK = Tokens.valid("acme", "frank", "member", "admin");

    private HttpResponse<String> getAs(String token, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(api(path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private QuorumClient connect(String organization, String member) {
        QuorumClient client = QuorumClient.withToken(ws(), Tokens.valid(organization, member, "member"));
        client.welcome();
        return client;
    }

    @Test
    void onlyAdminsOfTheOrganizationGetStatistics() throws Exception {
        HttpResponse<String> stats = getAs(FRANK, "admin/stats");
        assertEquals(200, stats.statusCode(), stats::body);
        assertEquals("acme", json(stats.body()).getString("organization"));
        HttpResponse<String> member = getAs(Tokens.valid("acme", "alice", "member"), "admin/stats");
        assertEquals(403, member.statusCode());
        assertEquals("FORBIDDEN", json(member.body()).getString("code"));
    }

    @Test
    void thePlatformViewIsOnlyForPlatformAdmins() throws Exception {
        HttpResponse<String> platform =
                getAs(Tokens.valid("acme", "pat", "member", "platform_admin"), "platform/stats");
        assertEquals(200, platform.statusCode(), platform::body);
        assertTrue(platform.body().startsWith("["), platform::body);
        assertEquals(403, getAs(FRANK, "platform/stats").statusCode(), "an organization's admin sees only their own");
    }

    @Test
    void roomsShowWhoIsOnline() throws Exception {
        long room = roomId("acme", "Acme — everyone");
        try (QuorumClient alice = connect("acme", "alice")) {
            alice.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            alice.next("joined");
            HttpResponse<String> listing = getAs(FRANK, "admin/rooms");
            assertEquals(200, listing.statusCode(), listing::body);
            JsonArray rooms =
                    Json.createReader(new StringReader(listing.body())).readArray();
            JsonObject everyone = rooms.getValuesAs(JsonValue::asJsonObject).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == room)
                    .findFirst()
                    .orElseThrow();
            assertTrue(everyone.getJsonArray("online").toString().contains("\"alice\""), everyone::toString);
            assertTrue(rooms.stream().noneMatch(r -> r.toString().contains("Globex")), "only the admin's organization");
        }
        // a meeting's room, which the admin does not take part in, is listed too, as one they cannot enter
        HttpResponse<String> meeting = post(
                api("meetings"),
                Tokens.valid("acme", "dave", "member", "chair"),
                "{\"kind\":\"board\",\"title\":\"Listed " + java.util.UUID.randomUUID() + "\",\"scheduledAt\":\""
                        + java.time.Instant.now()
                        + "\",\"participants\":[{\"member\":\"alice\"},{\"member\":\"dave\"}]}");
        assertEquals(201, meeting.statusCode(), meeting.body());
        long meetingRoom = json(meeting.body())
                .getJsonObject("meeting")
                .getJsonNumber("room")
                .longValue();
        JsonObject listed = Json.createReader(
                        new StringReader(getAs(FRANK, "admin/rooms").body()))
                .readArray()
                .getValuesAs(JsonValue::asJsonObject)
                .stream()
                .filter(r -> r.getJsonNumber("id").longValue() == meetingRoom)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the meeting's room is listed"));
        assertEquals("meeting", listed.getString("kind"));
        assertFalse(listed.getBoolean("enterable"));
    }

    /**
     * An organization's defaults for new meetings: what a meeting starts with when its organizer leaves the
     * quorum rule or the agenda out. Only its admins set them, for their organization only (globex here, so
     * the other tests' acme meetings keep Quorum's own defaults).
     */
    @Test
    void meetingDefaultsApplyToNewMeetingsOfTheirKindInTheirOrganizationOnly() throws Exception {
        String gina = Tokens.valid("globex", "gina", "member", "admin");
        String hank = Tokens.valid("globex", "hank", "member", "chair");
        HttpResponse<String> set = call(
                "PUT",
                "admin/meeting-defaults/member",
                gina,
                "{\"quorumRule\":\"weight_percent\",\"quorumValue\":25,"
                        + "\"agenda\":[\"Apologies\",\"Minutes of the last meeting\"]}");
        assertEquals(200, set.statusCode(), set.body());
        JsonObject member = Json.createReader(
                        new StringReader(getAs(gina, "admin/meeting-defaults").body()))
                .readArray()
                .getValuesAs(JsonValue::asJsonObject)
                .stream()
                .filter(d -> d.getString("kind").equals("member"))
                .findFirst()
                .orElseThrow();
        assertEquals("weight_percent", member.getString("quorumRule"));
        assertEquals(25, member.getJsonNumber("quorumValue").intValue());

        String body = "{\"kind\":\"%s\",\"title\":\"Defaults %s\",\"scheduledAt\":\"" + java.time.Instant.now()
                + "\",\"participants\":[{\"member\":\"gina\"},{\"member\":\"hank\"}]%s}";
        JsonObject defaulted =
                json(post(api("meetings"), hank, body.formatted("member", java.util.UUID.randomUUID(), ""))
                        .body());
        assertEquals("weight_percent", defaulted.getJsonObject("meeting").getString("quorumRule"));
        assertEquals(
                java.util.List.of("Apologies", "Minutes of the last meeting"),
                defaulted.getJsonArray("agenda").getValuesAs(JsonObject.class).stream()
                        .map(item -> item.getString("title"))
                        .toList());
        // what the organizer says wins; a board meeting keeps Quorum's defaults
        JsonObject own = json(post(
                        api("meetings"),
                        hank,
                        body.formatted(
                                "member",
                                java.util.UUID.randomUUID(),
                                ",\"quorumRule\":\"count\",\"quorumValue\":2,\"agenda\":[\"Accounts\"]"))
                .body());
        assertEquals("count", own.getJsonObject("meeting").getString("quorumRule"));
        assertEquals(1, own.getJsonArray("agenda").size());
        JsonObject board = json(post(api("meetings"), hank, body.formatted("board", java.util.UUID.randomUUID(), ""))
                .body());
        assertEquals("majority_of_seats", board.getJsonObject("meeting").getString("quorumRule"));
        assertEquals(0, board.getJsonArray("agenda").size());
        // acme's meetings are untouched by globex's defaults
        assertEquals(
                "majority_of_seats",
                Json.createReader(new StringReader(
                                getAs(FRANK, "admin/meeting-defaults").body()))
                        .readArray()
                        .getJsonObject(1)
                        .getString("quorumRule"));

        // refusals: a percentage over 100, an unknown kind, a member who is not an admin
        HttpResponse<String> invalid = call(
                "PUT",
                "admin/meeting-defaults/member",
                gina,
                "{\"quorumRule\":\"weight_percent\",\"quorumValue\":150}");
        assertEquals(400, invalid.statusCode());
        assertEquals("INVALID_MESSAGE", json(invalid.body()).getString("code"));
        assertEquals(
                404,
                call("PUT", "admin/meeting-defaults/annual", gina, "{\"quorumRule\":\"majority_of_seats\"}")
                        .statusCode());
        assertEquals(
                403,
                call("PUT", "admin/meeting-defaults/member", hank, "{\"quorumRule\":\"majority_of_seats\"}")
                        .statusCode());
    }

    @Test
    void anOrganizationBroadcastReachesItsMembersAndNoOtherOrganization() throws Exception {
        try (QuorumClient alice = connect("acme", "alice");
                QuorumClient gina = connect("globex", "gina")) {
            HttpResponse<String> sent =
                    post(api("admin/broadcast"), FRANK, "{\"priority\":\"critical\",\"text\":\"Fire drill at noon\"}");
            assertEquals(200, sent.statusCode(), sent::body);
            JsonObject broadcast = alice.next("broadcast").getJsonObject("data");
            assertEquals("Fire drill at noon", broadcast.getString("text"));
            assertEquals("critical", broadcast.getString("priority"));
            assertEquals("frank", broadcast.getJsonObject("from").getString("id"));
            assertTrue(gina.drain(Duration.ofMillis(500)).stream()
                    .noneMatch(f -> "broadcast".equals(f.getString("type"))));
        }
    }

    @Test
    void aRoomBroadcastIsAPersistedMessageAndOtherTenantsRoomsAreOutOfReach() throws Exception {
        long room = roomId("acme", "Acme — everyone");
        try (QuorumClient bob = connect("acme", "bob")) {
            bob.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            bob.next("joined");
            HttpResponse<String> sent =
                    post(api("admin/broadcast"), FRANK, "{\"room\":" + room + ",\"text\":\"Board pack is out\"}");
            assertEquals(200, sent.statusCode(), sent::body);
            JsonObject message = bob.next("message").getJsonObject("data");
            assertEquals(
                    json(sent.body()).getJsonNumber("sequence").longValue(),
                    message.getJsonNumber("seq").longValue());
            assertEquals("high", message.getString("priority"));
            assertEquals("frank", message.getJsonObject("sender").getString("id"));
        }
        long globexRoom = roomId("globex", "Globex — everyone");
        HttpResponse<String> foreign =
                post(api("admin/broadcast"), FRANK, "{\"room\":" + globexRoom + ",\"text\":\"hi\"}");
        assertEquals(404, foreign.statusCode());
        assertEquals("ROOM_NOT_FOUND", json(foreign.body()).getString("code"));
    }

    @Test
    void disconnectingAMemberClosesAllTheirSessionsAndIsAudited() throws Exception {
        try (QuorumClient first = connect("acme", "erin");
                QuorumClient second = connect("acme", "erin")) {
            HttpResponse<String> done = post(api("admin/members/erin/disconnect"), FRANK, null);
            assertEquals(200, done.statusCode(), done::body);
            assertEquals(4003, first.awaitClose());
            assertEquals(4003, second.awaitClose());
        }
        HttpResponse<String> foreign = post(api("admin/members/gina/disconnect"), FRANK, null);
        assertEquals(403, foreign.statusCode());
        assertEquals("MEMBER_UNKNOWN", json(foreign.body()).getString("code"));
        try (Connection db = DriverManager.getConnection(
                        System.getProperty("quorum.it.dbUrl"), System.getProperty("quorum.it.dbUser"), "");
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT actor, target, source_address FROM audit_event WHERE action = 'admin.disconnect' ORDER BY id DESC LIMIT 1")) {
            assertTrue(rs.next(), "the disconnect is audited");
            assertEquals("frank", rs.getString(1));
            assertEquals("member:erin", rs.getString(2));
            assertTrue(rs.getString(3) != null && !rs.getString(3).isBlank());
        }
    }

    @Test
    void removingAMemberFromAMembershipRoomTakesTheRoomFromTheirOpenConnectionsAtOnce() throws Exception {
        String name = "Audit committee " + System.nanoTime();
        HttpResponse<String> created = post(
                api("admin/rooms"),
                FRANK,
                "{\"kind\":\"meeting\",\"name\":\"" + name + "\",\"accessRule\":\"membership\"}");
        assertEquals(201, created.statusCode(), created::body);
        long room = json(created.body()).getJsonNumber("id").longValue();
        HttpResponse<String> duplicate = post(
                api("admin/rooms"),
                FRANK,
                "{\"kind\":\"meeting\",\"name\":\"" + name + "\",\"accessRule\":\"membership\"}");
        assertEquals(409, duplicate.statusCode());
        assertEquals(204, send("PUT", "admin/rooms/" + room + "/members/alice").statusCode());
        try (QuorumClient alice = connect("acme", "alice")) {
            alice.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            alice.next("joined");
            assertEquals(
                    204,
                    send("DELETE", "admin/rooms/" + room + "/members/alice").statusCode());
            assertEquals(
                    room,
                    alice.next("removed")
                            .getJsonObject("data")
                            .getJsonNumber("room")
                            .longValue());
            alice.send("{\"type\":\"publish\",\"id\":\"p\",\"data\":{\"room\":" + room
                    + ",\"id\":\"after-removal\",\"type\":\"chat\",\"data\":{\"text\":\"still here?\"}}}");
            assertEquals("NOT_JOINED", alice.next("error").getJsonObject("data").getString("code"));
            alice.send("{\"type\":\"join\",\"id\":\"j2\",\"data\":{\"room\":" + room + "}}");
            assertEquals(
                    "ROOM_FORBIDDEN", alice.next("error").getJsonObject("data").getString("code"));
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(api(path))
                        .header("Authorization", "Bearer " + FRANK)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
