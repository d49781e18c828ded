package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** auth.refresh over an open connection, and what happens to a connection whose credential runs out. */
class CredentialIT extends QuorumIT {

    private QuorumClient connect(String token) {
        QuorumClient client = QuorumClient.withToken(ws(), token);
        client.welcome();
        return client;
    }

    private static JsonObject refresh(QuorumClient client, String token) {
        client.send("{\"type\":\"auth.refresh\",\"id\":\"r-1\",\"data\":{\"token\":\"" + token + "\"}}");
        while (true) {
            JsonObject answer = client.next();
            String type = answer.getString("type");
            if (type.equals("auth.refreshed") || type.equals("error")) {
                return answer;
            }
        }
    }

    private static String shortLived(String organization, String subject, int seconds, String... roles) {
        return Tokens.with(organization, subject, claims -> claims.claim("groups", List.of(roles))
                .expirationTime(Date.from(Instant.now().plusSeconds(seconds))));
    }

    private static void join(QuorumClient client, long room) {
        client.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
        client.next("joined");
    }

    /** The next acknowledgement; the publisher's own copy of the message may come before it. */
    private static JsonObject ackOf(QuorumClient client) {
        while (true) {
            JsonObject frame = client.next();
            if (frame.getString("type").equals("ack")) {
                return frame.getJsonObject("data");
            }
        }
    }

    private static String codeOf(JsonObject error) {
        return error.getJsonObject("data").getString("code");
    }

    @Test
    void aRefreshedTokenExtendsTheConnectionWhichKeepsItsRooms() {
        long room = roomId("acme", "Acme — everyone");
        try (QuorumClient alice = connect(shortLived("acme", "alice", 4, "member"))) {
            join(alice, room);
            JsonObject refreshed = refresh(alice, Tokens.valid("acme", "alice", "member"));
            assertEquals("auth.refreshed", refreshed.getString("type"), refreshed.toString());
            assertEquals("r-1", refreshed.getString("replyTo"));
            Instant expiresAt = Instant.parse(refreshed.getJsonObject("data").getString("credentialExpiresAt"));
            assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(300)), "the new expiry is the new token's");
            assertEquals(
                    0, refreshed.getJsonObject("data").getJsonArray("roomsLeft").size());
            // well past the old expiry and its grace (3 s in the test server): still served, still in the room
            sleep(Duration.ofSeconds(8));
            assertTrue(alice.isOpen(), "the refreshed connection stays open");
            alice.send("{\"type\":\"publish\",\"id\":\"p\",\"data\":{\"room\":" + room
                    + ",\"id\":\"refresh-1\",\"type\":\"chat\",\"data\":{\"text\":\"still here\"}}}");
            assertEquals("refresh-1", ackOf(alice).getString("id"));
        }
    }

    @Test
    void anExpiredCredentialIsAnnouncedThenClosedWith4001AfterTheGrace() {
        try (QuorumClient alice = connect(shortLived("acme", "alice", 2, "member"))) {
            JsonObject expired = alice.next("auth.expired");
            Instant closesAt = Instant.parse(expired.getJsonObject("data").getString("closesAt"));
            assertTrue(closesAt.isAfter(Instant.now().minusSeconds(1)));
            assertEquals(4001, alice.awaitClose());
        }
    }

    @Test
    void aTokenOfAnotherMemberIsRefusedAndTheConnectionKeepsItsOwn() {
        try (QuorumClient alice = connect(Tokens.valid("acme", "alice", "member"))) {
            JsonObject error = refresh(alice, Tokens.valid("acme", "bob", "member"));
            assertEquals("error", error.getString("type"));
            assertEquals("CREDENTIAL_MISMATCH", codeOf(error));
            assertTrue(alice.isOpen());
        }
    }

    @Test
    void invalidTokensAreRefusedWithTokenInvalid() {
        try (QuorumClient alice = connect(Tokens.valid("acme", "alice", "member"))) {
            for (String bad : List.of(
                    Tokens.expired("acme", "alice"),
                    Tokens.signedByAnotherKey("acme", "alice"),
                    Tokens.with("acme", "alice", claims -> claims.issuer("https://elsewhere.example")),
                    Tokens.with("acme", "alice", claims -> claims.audience("someone-else")),
                    "not.a.token")) {
                JsonObject error = refresh(alice, bad);
                assertEquals("TOKEN_INVALID", codeOf(error), bad);
            }
            JsonObject error = refresh(alice, "");
            assertEquals("INVALID_MESSAGE", codeOf(error));
            assertTrue(alice.isOpen());
        }
    }

    @Test
    void aRefreshThatNoLongerCarriesTheRoomsRoleLeavesTheRoomAtOnce() {
        long desk = roomId("acme", "Compliance desk");
        long everyone = roomId("acme", "Acme — everyone");
        try (QuorumClient erin = connect(Tokens.valid("acme", "erin", "compliance_officer"))) {
            join(erin, desk);
            join(erin, everyone);
            erin.send("{\"type\":\"auth.refresh\",\"id\":\"r-2\",\"data\":{\"token\":\""
                    + Tokens.valid("acme", "erin", "member") + "\"}}");
            JsonObject removed = erin.next("removed").getJsonObject("data");
            assertEquals(desk, removed.getJsonNumber("room").longValue());
            assertEquals("access", removed.getString("reason"));
            JsonObject refreshed = erin.next("auth.refreshed").getJsonObject("data");
            assertEquals(
                    List.of(desk),
                    refreshed.getJsonArray("roomsLeft").getValuesAs((jakarta.json.JsonNumber n) -> n.longValue()));
            assertEquals(
                    List.of("member"),
                    refreshed.getJsonArray("roles").getValuesAs((jakarta.json.JsonString s) -> s.getString()));
            // the desk's messages no longer come, publishing there is refused; the other room is kept
            erin.send("{\"type\":\"publish\",\"id\":\"p\",\"data\":{\"room\":" + desk
                    + ",\"id\":\"desk-1\",\"type\":\"chat\",\"data\":{\"text\":\"x\"}}}");
            assertEquals("NOT_JOINED", codeOf(erin.next("error")));
            erin.send("{\"type\":\"join\",\"id\":\"j2\",\"data\":{\"room\":" + desk + "}}");
            assertEquals("ROOM_FORBIDDEN", codeOf(erin.next("error")));
            erin.send("{\"type\":\"publish\",\"id\":\"p\",\"data\":{\"room\":" + everyone
                    + ",\"id\":\"everyone-1\",\"type\":\"chat\",\"data\":{\"text\":\"x\"}}}");
            assertEquals("everyone-1", ackOf(erin).getString("id"));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
