package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way of opening /ws: who gets in, who is refused with which status and code. */
class HandshakeIT extends QuorumIT {

    @Test
    void aValidTokenOpensTheConnectionAndTheWelcomeSaysWhoIsConnected() {
        Instant before = Instant.now().minusSeconds(5);
        try (QuorumClient client = QuorumClient.withToken(ws(), Tokens.valid("acme", "carol", "member", "secretary"))) {
            JsonObject welcome = client.welcome();
            assertFalse(welcome.getString("sessionId").isBlank());
            assertEquals("carol", welcome.getJsonObject("member").getString("id"));
            assertEquals("Carol Chen", welcome.getJsonObject("member").getString("displayName"));
            assertEquals("acme", welcome.getJsonObject("organization").getString("id"));
            assertEquals(
                    "Acme Corporation", welcome.getJsonObject("organization").getString("name"));
            assertEquals(
                    List.of("member", "secretary"),
                    welcome.getJsonArray("roles").getValuesAs((jakarta.json.JsonString s) -> s.getString()));
            assertEquals(1, welcome.getInt("protocolVersion"));
            assertEquals(65536, welcome.getJsonObject("limits").getInt("maxFrameBytes"));
            Instant serverTime = Instant.parse(welcome.getString("serverTime"));
            assertTrue(
                    serverTime.isAfter(before)
                            && serverTime.isBefore(Instant.now().plusSeconds(5)),
                    serverTime::toString);
            assertTrue(Instant.parse(welcome.getString("credentialExpiresAt")).isAfter(Instant.now()));
        }
    }

    @Test
    void rolesTheTokenDoesNotGrantAreNotGivenAndUnknownRolesAreDropped() {
        try (QuorumClient client = QuorumClient.withToken(ws(), Tokens.valid("acme", "frank", "member", "superuser"))) {
            JsonObject welcome = client.welcome();
            assertEquals(1, welcome.getJsonArray("roles").size());
            assertEquals("member", welcome.getJsonArray("roles").getString(0));
        }
    }

    /** A plain GET of /ws with a valid token: not a handshake, so 426 and what to upgrade to, never a 404. */
    @Test
    void aRequestWithoutUpgradeIsAnswered426InJson() throws Exception {
        URI http = URI.create(ws().toString().replaceFirst("^ws", "http"));
        HttpResponse<String> plain = QuorumIT.HTTP.send(
                java.net.http.HttpRequest.newBuilder(http)
                        .header("Authorization", "Bearer " + Tokens.valid("acme", "alice", "member"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, plain.statusCode(), plain::body);
        assertEquals("websocket", plain.headers().firstValue("Upgrade").orElse(""));
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("UPGRADE_REQUIRED", json(plain.body()).getString("code"), plain::body);
        assertRefused(ws(), Map.of(), 401, "CREDENTIAL_MISSING"); // without a credential it is still 401
    }

    @Test
    void noCredentialIsRefusedWith401() throws Exception {
        assertRefused(ws(), Map.of(), 401, "CREDENTIAL_MISSING");
    }

    @Test
    void anExpiredTokenIsRefusedWith401() throws Exception {
        assertRefused(ws(), bearer(Tokens.expired("acme", "alice")), 401, "TOKEN_INVALID");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedWith401() throws Exception {
        assertRefused(ws(), bearer(Tokens.signedByAnotherKey("acme", "alice")), 401, "TOKEN_INVALID");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedWith401() throws Exception {
        String token = Tokens.with("acme", "alice", c -> c.issuer("https://evil.example/issuer"));
        assertRefused(ws(), bearer(token), 401, "TOKEN_INVALID");
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedWith401() throws Exception {
        String token = Tokens.with("acme", "alice", c -> c.audience("some-other-service"));
        assertRefused(ws(), bearer(token), 401, "TOKEN_INVALID");
    }

    @Test
    void aMangledTokenIsRefusedWith401() throws Exception {
        assertRefused(ws(), bearer("not.a.token"), 401, "TOKEN_INVALID");
    }

    @Test
    void aTokenWithoutOrganizationIsRefusedWith401() throws Exception {
        String token = Tokens.with("acme", "alice", c -> c.claim("org", null));
        assertRefused(ws(), bearer(token), 401, "ORGANIZATION_MISSING");
    }

    @Test
    void aMemberUnknownInTheTokensOrganizationIsRefusedWith403() throws Exception {
        // gina exists, but in globex: the organization claim decides, never a guess
        assertRefused(ws(), bearer(Tokens.valid("acme", "gina", "member")), 403, "MEMBER_UNKNOWN");
    }

    @Test
    void anInactiveMemberIsRefusedWith403() throws Exception {
        assertRefused(ws(), bearer(Tokens.valid("acme", "olga", "member")), 403, "MEMBER_INACTIVE");
    }

    @Test
    void aTicketOpensTheConnectionOnceAndIsRefusedWhenReplayed() throws Exception {
        String ticket = ticketFor(Tokens.valid("globex", "hank", "member", "chair"));
        try (QuorumClient client = QuorumClient.withTicket(ws(), ticket)) {
            JsonObject welcome = client.welcome();
            assertEquals("hank", welcome.getJsonObject("member").getString("id"));
            assertEquals("globex", welcome.getJsonObject("organization").getString("id"));
            assertEquals(2, welcome.getJsonArray("roles").size());
        }
        assertRefused(withTicket(ticket), Map.of(), 401, "TICKET_INVALID");
    }

    @Test
    void anExpiredTicketIsRefusedWith401() throws Exception {
        String ticket = ticketFor(Tokens.valid("acme", "alice", "member"));
        // the tests run with a ticket lifetime of 3 seconds
        Thread.sleep(Duration.ofSeconds(4).toMillis());
        assertRefused(withTicket(ticket), Map.of(), 401, "TICKET_EXPIRED");
    }

    @Test
    void anUnknownTicketIsRefusedWith401() throws Exception {
        assertRefused(withTicket("made-up-ticket"), Map.of(), 401, "TICKET_INVALID");
    }

    @Test
    void ticketsAreOnlyIssuedForAValidToken() throws Exception {
        HttpResponse<String> none = post(api("tickets"), null, null);
        assertEquals(401, none.statusCode());
        assertEquals("CREDENTIAL_MISSING", json(none.body()).getString("code"));
        HttpResponse<String> forged = post(api("tickets"), Tokens.signedByAnotherKey("acme", "alice"), null);
        assertEquals(401, forged.statusCode());
        assertEquals("TOKEN_INVALID", json(forged.body()).getString("code"));
        HttpResponse<String> inactive = post(api("tickets"), Tokens.valid("acme", "olga", "member"), null);
        assertEquals(403, inactive.statusCode());
        assertEquals("MEMBER_INACTIVE", json(inactive.body()).getString("code"));
    }

    @Test
    void aTokenNotValidYetIsRefusedForTheHandshakeAndOverRest() throws Exception {
        String early = Tokens.with(
                "acme",
                "alice",
                c -> c.notBeforeTime(java.util.Date.from(Instant.now().plusSeconds(120))));
        assertRefused(ws(), bearer(early), 401, "TOKEN_INVALID");
        HttpResponse<String> rooms = HTTP.send(
                java.net.http.HttpRequest.newBuilder(api("rooms"))
                        .header("Authorization", "Bearer " + early)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, rooms.statusCode(), rooms::body);
        assertEquals("TOKEN_INVALID", json(rooms.body()).getString("code"));
        // within the clock skew allowed for exp (5 s), a token is already valid
        String almost = Tokens.with(
                "acme",
                "alice",
                c -> c.notBeforeTime(java.util.Date.from(Instant.now().plusSeconds(2))));
        try (QuorumClient client = QuorumClient.withToken(ws(), almost)) {
            assertEquals("alice", client.welcome().getJsonObject("member").getString("id"));
        }
    }

    @Test
    void aTokenAndATicketTogetherAreRefusedAndTheTicketStaysUnused() throws Exception {
        String ticket = ticketFor(Tokens.valid("acme", "alice", "member"));
        assertRefused(withTicket(ticket), bearer(Tokens.valid("acme", "bob", "member")), 401, "TWO_CREDENTIALS");
        try (QuorumClient client = QuorumClient.withTicket(ws(), ticket)) {
            assertEquals("alice", client.welcome().getJsonObject("member").getString("id"));
        }
    }

    @Test
    void refusedHandshakesAreCountedByReason() throws Exception {
        double before = refusals("TICKET_INVALID");
        assertRefused(withTicket("x1"), Map.of(), 401, "TICKET_INVALID");
        assertRefused(withTicket("x2"), Map.of(), 401, "TICKET_INVALID");
        assertEquals(before + 2, refusals("TICKET_INVALID"));
        double tokensBefore = refusals("TOKEN_INVALID");
        assertRefused(ws(), bearer(Tokens.expired("acme", "alice")), 401, "TOKEN_INVALID");
        assertEquals(tokensBefore + 1, refusals("TOKEN_INVALID"));
    }

    private URI withTicket(String ticket) {
        return URI.create(ws() + "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static void assertRefused(URI ws, Map<String, String> headers, int status, String code) throws Exception {
        RawHandshake.Answer answer = RawHandshake.attempt(ws, headers);
        assertEquals(status, answer.status(), answer::toString);
        assertFalse(answer.headers().toLowerCase().contains("upgrade: websocket"), answer::headers);
        JsonObject body = json(answer.body());
        assertEquals(code, body.getString("code"), answer::body);
        assertFalse(body.getString("message").isBlank());
    }

    private double refusals(String reason) throws Exception {
        String metrics = get(serverRoot("/metrics?scope=application")).body();
        return metrics.lines()
                .filter(line -> line.startsWith("quorum_handshakes_refused_total{")
                        && line.contains("reason=\"" + reason + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
