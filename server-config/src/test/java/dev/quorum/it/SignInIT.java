package dev.quorum.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.quorum.it.browser.Chromium;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in through the organization's identity provider: a real Keycloak (started by the test
 * environment, realm imported at start) and a real Chromium. Quorum runs the authorization code flow with
 * PKCE, signs the member in by the provider's claims, hands the page short-lived session tokens (renewed
 * over the open connection), and signs out at the provider too.
 */
class SignInIT extends QuorumIT {

    private static final String FRANK = Tokens.valid("acme", "frank", "member", "admin");

    private static Chromium chromium;
    private Page page;

    @BeforeAll
    static void launch() throws InterruptedException {
        KeycloakServer.awaitReady(Duration.ofSeconds(180));
        chromium = Chromium.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void shutdown() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.context().close();
            page = null;
        }
    }

    private String root() {
        return base.toString().replaceAll("/$", "") + "/";
    }

    /** From Quorum's sign-in page through Keycloak's login form, as a person does it. */
    private void signInAtKeycloak(String user, String password, String then) {
        String next = URI.create(root()).getPath() + then;
        page.navigate(root() + "sign-in.html?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        Locator button = page.locator("#provider-sign-in");
        assertThat(button).hasText("Sign in with Keycloak");
        button.click();
        page.waitForURL(url -> url.startsWith(KeycloakServer.issuerOrFail()));
        page.locator("#username").fill(user);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
    }

    private JsonObject sessionStorageSession() {
        return json((String) page.evaluate("() => sessionStorage.getItem('quorum.session')"));
    }

    private static JsonObject claimsOf(String token) {
        return json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** What the session endpoint answers this page now (its cookie, Quorum's header). */
    private int sessionTokenStatus() {
        return ((Number) page.evaluate("() => fetch('api/auth/session/token', {method: 'POST', "
                        + "headers: {'X-Quorum-Session': '1'}}).then(r => r.status)"))
                .intValue();
    }

    @Test
    void aMemberSignsInAtTheProviderTalksInARoomAndSignsOutThere() throws Exception {
        HttpResponse<String> created = post(
                api("admin/rooms"),
                FRANK,
                "{\"kind\":\"meeting\",\"name\":\"Sign-in " + UUID.randomUUID() + "\",\"accessRule\":\"membership\"}");
        assertEquals(201, created.statusCode(), created.body());
        long room = json(created.body()).getJsonNumber("id").longValue();
        assertEquals(
                204,
                call("PUT", "admin/rooms/" + room + "/members/alice", FRANK, null)
                        .statusCode());

        page = chromium.newPage("alice");
        signInAtKeycloak("alice", "alice-at-keycloak", "room.html?id=" + room);
        page.waitForURL("**/room.html?id=" + room);
        assertThat(page.locator("#connection")).hasText("Connected");
        assertThat(page.locator("[data-member]").first()).hasText(java.util.regex.Pattern.compile("^Alice "));

        // the page holds Quorum's own short-lived token, never the provider's
        JsonObject session = sessionStorageSession();
        assertEquals("oidc", session.getString("source"));
        JsonObject claims = claimsOf(session.getString("token"));
        assertEquals("urn:quorum:session", claims.getString("iss"));
        assertEquals("alice", claims.getString("sub"));
        assertEquals("acme", claims.getString("org"));
        // Keycloak's group "Secretary" grants the role; "Board observers" names none
        assertEquals(
                java.util.List.of("member", "secretary"),
                claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
        long lifetime = claims.getJsonNumber("exp").longValue()
                - claims.getJsonNumber("iat").longValue();
        assertEquals(30, lifetime, "the test server's session tokens live 30 s");

        page.locator("#composer-text").fill("Signed in through Keycloak");
        page.locator("#composer-text").press("Enter");
        assertThat(page.locator("#messages li .text")
                        .filter(new Locator.FilterOptions().setHasText("Signed in through Keycloak")))
                .hasCount(1);

        // a second tab of the same browser is signed in by the session's cookie, without the provider
        Page second = page.context().newPage();
        second.navigate(root() + "lobby.html");
        second.waitForURL("**/lobby.html");
        assertThat(second.locator("#connection")).hasText("Connected");
        second.close();

        // past the first token's expiry and the grace period: the page renewed it over the open connection
        Thread.sleep(36_000);
        assertThat(page.locator("#connection")).hasText("Connected");
        String renewed = sessionStorageSession().getString("token");
        assertFalse(renewed.equals(session.getString("token")), "the page asked for a new session token");
        page.locator("#composer-text").fill("Still here after the renewal");
        page.locator("#composer-text").press("Enter");
        assertThat(page.locator("#messages li .text")
                        .filter(new Locator.FilterOptions().setHasText("Still here after the renewal")))
                .hasCount(1);
        Chromium.screenshot(page, "sign-in-keycloak-room");

        // signing out ends Quorum's session and Keycloak's, and comes back to Quorum's sign-in page
        page.locator("[data-sign-out]").click();
        try {
            page.waitForURL(url -> url.contains("/sign-in.html?signed-out=1"));
        } finally {
            Chromium.screenshot(page, "sign-in-keycloak-after-sign-out");
        }
        page.waitForURL(url -> url.contains("/sign-in.html?signed-out=1"));
        assertThat(page.locator("#signed-out")).isVisible();
        assertEquals(401, sessionTokenStatus());
        assertEquals(null, page.evaluate("() => sessionStorage.getItem('quorum.session')"));
        // Keycloak asks for the password again: its own session ended too
        page.locator("#provider-sign-in").click();
        assertThat(page.locator("#password")).isVisible();
        Chromium.screenshot(page, "sign-in-keycloak-signed-out");

        // the audit trail has both
        HttpResponse<String> audit =
                call("GET", "audit", Tokens.valid("acme", "erin", "member", "compliance_officer"), null);
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"auth.signed-in\""), "signing in is audited");
        assertTrue(audit.body().contains("\"auth.signed-out\""), "signing out is audited");
    }

    /**
     * The identity provider's two channels together: a member provisioned over SCIM signs in through the
     * provider; deactivated over SCIM, their connection closes at once and their browser session ends at its
     * next renewal.
     */
    @Test
    void aMemberProvisionedOverScimSignsInAndLosesTheSessionWhenDeactivated() throws Exception {
        String operator = Tokens.valid("acme", "pat", "member", "platform_admin");
        HttpResponse<String> issued =
                post(api("platform/organizations/acme/provisioning-tokens"), operator, "{\"label\":\"SignInIT\"}");
        assertEquals(201, issued.statusCode(), issued.body());
        String scimToken = json(issued.body()).getString("secret");
        long tokenId = json(issued.body()).getJsonNumber("id").longValue();
        try {
            HttpResponse<String> created = scim(
                    "POST",
                    "Users",
                    scimToken,
                    """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"kim","active":true,
                     "displayName":"Kim Provisioned","emails":[{"primary":true,"type":"work","value":"kim@acme.example"}]}""");
            assertEquals(201, created.statusCode(), created.body());
            String id = json(created.body()).getString("id");

            page = chromium.newPage("kim");
            signInAtKeycloak("kim", "kim-at-keycloak", "lobby.html");
            page.waitForURL("**/lobby.html");
            assertThat(page.locator("#connection")).hasText("Connected");
            assertEquals(200, sessionTokenStatus());

            HttpResponse<String> deactivated = scim(
                    "PATCH",
                    "Users/" + id,
                    scimToken,
                    """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
            assertEquals(200, deactivated.statusCode(), deactivated.body());
            assertThat(page.locator("#connection")).containsText("Disconnected");
            // the renewal is refused and ends the session: afterwards there is none
            assertEquals(403, sessionTokenStatus());
            assertEquals(401, sessionTokenStatus());
        } finally {
            call("DELETE", "platform/organizations/acme/provisioning-tokens/" + tokenId, operator, null);
        }
    }

    private HttpResponse<String> scim(String method, String path, String secret, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(api("scim/v2/" + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/scim+json")
                        .header("Authorization", "Bearer " + secret)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void someoneTheProviderKnowsButQuorumDoesNotIsTurnedAwayPlainly() throws Exception {
        page = chromium.newPage("mallory");
        signInAtKeycloak("mallory", "mallory-at-keycloak", "lobby.html");
        page.waitForURL("**/sign-in.html?error=MEMBER_UNKNOWN");
        assertThat(page.locator("#sign-in-error")).containsText("Quorum has no member of that name");
        assertEquals(401, sessionTokenStatus());
        // the refusal is in the organization's audit trail, for its compliance officer
        HttpResponse<String> audit =
                call("GET", "audit", Tokens.valid("acme", "erin", "member", "compliance_officer"), null);
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"auth.sign-in-refused\""), "a refused sign-in is audited");
        assertTrue(audit.body().contains("identity-provider:mallory"), "with whom the provider named");
        assertTrue(audit.body().contains("MEMBER_UNKNOWN"), "and why");
    }

    @Test
    void theSignInEndpointsRefuseWhatTheFlowDidNotStart() throws Exception {
        // the start: a redirect to the provider with PKCE (S256), state and nonce
        HttpResponse<String> start = get(api("auth/oidc/sign-in?next=%2F%2Fevil.example%2F"));
        assertEquals(303, start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(KeycloakServer.issuerOrFail() + "/protocol/openid-connect/auth?"), location);
        for (String parameter :
                new String[] {"code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "client_id=quorum"
                }) {
            assertTrue(location.contains(parameter), location);
        }
        assertTrue(start.headers().firstValue("Set-Cookie").orElse("").contains("HttpOnly"));

        // a callback with a state nobody started
        HttpResponse<String> forged = get(api("auth/oidc/callback?code=abc&state=forged"));
        assertEquals(303, forged.statusCode());
        assertTrue(forged.headers().firstValue("Location").orElseThrow().endsWith("sign-in.html?error=SIGN_IN_FAILED"));

        // session calls: without Quorum's header, and without a session
        HttpResponse<String> unmarked = post(api("auth/session/token"), null, null);
        assertEquals(400, unmarked.statusCode());
        assertEquals("INVALID_REQUEST", json(unmarked.body()).getString("code"));
        HttpResponse<String> noSession = HTTP.send(
                HttpRequest.newBuilder(api("auth/session/token"))
                        .header("X-Quorum-Session", "1")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noSession.statusCode());
        assertEquals("SESSION_MISSING", json(noSession.body()).getString("code"));

        // a session token Quorum did not sign: another key (with the header Quorum's tokens have), or none at all
        long now = System.currentTimeMillis() / 1000;
        com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer("urn:quorum:session")
                .audience("quorum")
                .subject("frank")
                .claim("upn", "frank")
                .claim("org", "acme")
                .claim("groups", java.util.List.of("member", "admin"))
                .issueTime(new java.util.Date(now * 1000))
                .expirationTime(new java.util.Date((now + 300) * 1000))
                .jwtID(UUID.randomUUID().toString())
                .build();
        com.nimbusds.jwt.SignedJWT signed = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256)
                        .type(com.nimbusds.jose.JOSEObjectType.JWT)
                        .keyID("quorum-session")
                        .build(),
                claims);
        signed.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
        String wrongKey = signed.serialize();
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + wrongKey.split("\\.")[1] + ".";
        for (String forgedToken : new String[] {wrongKey, unsigned}) {
            HttpResponse<String> refused = post(api("tickets"), forgedToken, null);
            assertEquals(401, refused.statusCode(), refused.body());
            assertTrue(refused.body().startsWith("{"), refused.body());
            HttpResponse<String> admin = call("GET", "admin/stats", forgedToken, null);
            assertEquals(401, admin.statusCode(), admin.body());
        }
        // the client configuration names the provider for the sign-in page
        assertEquals("Keycloak", json(get(api("client-config")).body()).getString("identityProvider"));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
