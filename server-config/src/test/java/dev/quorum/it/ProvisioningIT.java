package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Provisioning over SCIM 2.0 as an identity provider does it, and the platform operator's administration of
 * organizations and provisioning tokens. The SCIM requests follow the sequence Entra ID's provisioning
 * service sends (look up by userName, create, patch with "Replace" and string booleans, group members by
 * patch, excludedAttributes=members), with its bodies.
 */
class ProvisioningIT extends QuorumIT {

    private static final String OPERATOR = Tokens.valid("acme", "pat", "member", "platform_admin");
    private static final String SCIM = "application/scim+json";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** A new organization and a provisioning token for it: its slug and the token's secret and id. */
    private record Tenant(String slug, String secret, long tokenId) {}

    private Tenant newTenant() throws Exception {
        String slug = "scim-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post(
                api("platform/organizations"),
                OPERATOR,
                "{\"slug\":\"" + slug + "\",\"name\":\"Tenant " + slug + "\"}");
        assertEquals(201, created.statusCode(), created::body);
        HttpResponse<String> issued = post(
                api("platform/organizations/" + slug + "/provisioning-tokens"), OPERATOR, "{\"label\":\"Entra ID\"}");
        assertEquals(201, issued.statusCode(), issued::body);
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElse(""));
        JsonObject token = json(issued.body());
        assertTrue(token.getString("secret").startsWith("qps_"), issued::body);
        return new Tenant(
                slug, token.getString("secret"), token.getJsonNumber("id").longValue());
    }

    private HttpResponse<String> scim(String method, String path, String secret, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("scim/v2/" + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", SCIM)
                .header("Accept", SCIM)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String filter(String expression) {
        return "?filter="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The body Entra ID sends to create a user. */
    private static String entraUser(String userName, String externalId, String given, String family) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "externalId":"%s","userName":"%s","active":true,"displayName":"%s %s",
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"%s %s","familyName":"%s","givenName":"%s"},
                 "title":"Director",
                 "%s":{"department":"Board","employeeNumber":"42"}}"""
                .formatted(
                        ENTERPRISE,
                        externalId,
                        userName,
                        given,
                        family,
                        userName,
                        given,
                        family,
                        family,
                        given,
                        ENTERPRISE);
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
    }

    private String createUser(Tenant tenant, String userName) throws Exception {
        HttpResponse<String> created = scim(
                "POST",
                "Users",
                tenant.secret(),
                entraUser(userName, UUID.randomUUID().toString(), "Given", "Family"));
        assertEquals(201, created.statusCode(), created::body);
        return json(created.body()).getString("id");
    }

    @Test
    void anEntraIdSyncCreatesFindsChangesDeactivatesAndDeletesAMember() throws Exception {
        Tenant tenant = newTenant();
        String userName = "Ines.Ito@" + tenant.slug() + ".example";

        HttpResponse<String> none =
                scim("GET", "Users" + filter("userName eq \"" + userName + "\""), tenant.secret(), null);
        assertEquals(200, none.statusCode(), none::body);
        assertEquals(0, json(none.body()).getInt("totalResults"));

        HttpResponse<String> created =
                scim("POST", "Users", tenant.secret(), entraUser(userName, "ext-ines", "Ines", "Ito"));
        assertEquals(201, created.statusCode(), created::body);
        assertTrue(
                created.headers().firstValue("Content-Type").orElse("").startsWith(SCIM), created.headers()::toString);
        JsonObject user = json(created.body());
        String id = user.getString("id");
        assertEquals(userName, user.getString("userName"));
        assertEquals("Ines Ito", user.getString("displayName"));
        assertEquals(userName, user.getJsonArray("emails").getJsonObject(0).getString("value"));
        assertTrue(user.getBoolean("active"));
        assertEquals(
                api("scim/v2/Users/" + id).toString(),
                created.headers().firstValue("Location").orElseThrow());
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertEquals(etag, user.getJsonObject("meta").getString("version"));

        // userName is matched without regard to case, as RFC 7643 defines it
        HttpResponse<String> found =
                scim("GET", "Users" + filter("userName eq \"" + userName.toLowerCase() + "\""), tenant.secret(), null);
        assertEquals(1, json(found.body()).getInt("totalResults"), found::body);
        assertEquals(
                id,
                json(found.body()).getJsonArray("Resources").getJsonObject(0).getString("id"));
        assertEquals(
                1,
                json(scim("GET", "Users" + filter("externalId eq \"ext-ines\""), tenant.secret(), null)
                                .body())
                        .getInt("totalResults"));
        assertEquals(
                304,
                scim("GET", "Users/" + id, tenant.secret(), null, "If-None-Match", etag)
                        .statusCode());

        HttpResponse<String> changed = scim(
                "PATCH",
                "Users/" + id,
                tenant.secret(),
                patch(
                        """
                {"op":"Replace","path":"displayName","value":"Ines Ito-Berg"},
                {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"ines@%s.example"},
                {"op":"Replace","path":"name.familyName","value":"Ito-Berg"},
                {"op":"Add","path":"%s:department","value":"Audit committee"},
                {"op":"Replace","path":"title","value":"Chair of audit"}"""
                                .formatted(tenant.slug(), ENTERPRISE)));
        assertEquals(200, changed.statusCode(), changed::body);
        user = json(changed.body());
        assertEquals("Ines Ito-Berg", user.getString("displayName"));
        assertEquals("Ito-Berg", user.getJsonObject("name").getString("familyName"));
        assertEquals(
                "ines@" + tenant.slug() + ".example",
                user.getJsonArray("emails").getJsonObject(0).getString("value"));
        String changedTag = changed.headers().firstValue("ETag").orElseThrow();
        assertFalse(etag.equals(changedTag), "a change makes a new version");

        // an older version is refused, and changes nothing
        HttpResponse<String> stale = scim(
                "PATCH",
                "Users/" + id,
                tenant.secret(),
                patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Stale\"}"),
                "If-Match",
                etag);
        assertEquals(412, stale.statusCode(), stale::body);
        assertEquals(
                "Ines Ito-Berg",
                json(scim("GET", "Users/" + id, tenant.secret(), null).body()).getString("displayName"));

        // the member signs in; deactivating them closes the connection at once and keeps them out
        String memberToken = Tokens.valid(tenant.slug(), userName, "member");
        try (QuorumClient ines = QuorumClient.withToken(ws(), memberToken)) {
            assertEquals("Ines Ito-Berg", ines.welcome().getJsonObject("member").getString("displayName"));
            HttpResponse<String> deactivated = scim(
                    "PATCH",
                    "Users/" + id,
                    tenant.secret(),
                    patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"),
                    "If-Match",
                    changedTag);
            assertEquals(200, deactivated.statusCode(), deactivated::body);
            assertFalse(json(deactivated.body()).getBoolean("active"));
            assertEquals(4003, ines.awaitClose());
        }
        HttpResponse<String> refused = post(api("tickets"), memberToken, null);
        assertEquals(403, refused.statusCode(), refused::body);
        assertEquals("MEMBER_INACTIVE", json(refused.body()).getString("code"));

        HttpResponse<String> deleted = scim("DELETE", "Users/" + id, tenant.secret(), null);
        assertEquals(204, deleted.statusCode(), deleted::body);
        HttpResponse<String> gone = scim("GET", "Users/" + id, tenant.secret(), null);
        assertEquals(404, gone.statusCode());
        assertEquals("SCIM_NOT_FOUND", json(gone.body()).getString("code"));
        assertEquals("404", json(gone.body()).getString("status"));
        assertEquals(
                0,
                json(scim("GET", "Users" + filter("userName eq \"" + userName + "\""), tenant.secret(), null)
                                .body())
                        .getInt("totalResults"));

        // a deleted member's userName comes back as the same member, so their history keeps one name
        HttpResponse<String> again =
                scim("POST", "Users", tenant.secret(), entraUser(userName, "ext-ines-2", "Ines", "Ito"));
        assertEquals(201, again.statusCode(), again::body);
        assertEquals(id, json(again.body()).getString("id"));

        assertEquals(
                List.of(
                        "scim.user.create",
                        "scim.user.patch",
                        "scim.user.patch",
                        "scim.user.delete",
                        "scim.user.create"),
                auditedActions(tenant));
    }

    @Test
    void groupsNamedAfterRolesGrantThoseRolesAndTakeThemBack() throws Exception {
        Tenant tenant = newTenant();
        String first = createUser(tenant, "first@" + tenant.slug() + ".example");
        String second = createUser(tenant, "second@" + tenant.slug() + ".example");

        HttpResponse<String> chairs = scim(
                "POST",
                "Groups",
                tenant.secret(),
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Chair","externalId":"g-chair",
                 "members":[{"value":"%s"}]}"""
                        .formatted(first));
        assertEquals(201, chairs.statusCode(), chairs::body);
        String group = json(chairs.body()).getString("id");
        assertEquals(Map.of(first, "chair,member", second, "member"), roles(tenant));

        HttpResponse<String> observers = scim(
                "POST",
                "Groups",
                tenant.secret(),
                "{\"displayName\":\"Board observers\",\"members\":[{\"value\":\"" + second + "\"}]}");
        assertEquals(201, observers.statusCode(), observers::body);
        assertEquals("member", roles(tenant).get(second), "a group not named after a role grants nothing");

        // Entra ID looks a group up without its members, then adds and removes members by patch
        HttpResponse<String> lookedUp = scim(
                "GET",
                "Groups" + filter("displayName eq \"chair\"") + "&excludedAttributes=members",
                tenant.secret(),
                null);
        JsonObject listed = json(lookedUp.body()).getJsonArray("Resources").getJsonObject(0);
        assertEquals(group, listed.getString("id"));
        assertFalse(listed.containsKey("members"), listed::toString);
        HttpResponse<String> added = scim(
                "PATCH",
                "Groups/" + group,
                tenant.secret(),
                patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + second + "\"}]}"));
        assertEquals(200, added.statusCode(), added::body);
        assertEquals(Map.of(first, "chair,member", second, "chair,member"), roles(tenant));
        HttpResponse<String> removed = scim(
                "PATCH",
                "Groups/" + group,
                tenant.secret(),
                patch("{\"op\":\"Remove\",\"path\":\"members[value eq \\\"" + first + "\\\"]\"}"));
        assertEquals(200, removed.statusCode(), removed::body);
        assertEquals(1, json(removed.body()).getJsonArray("members").size());
        assertEquals(Map.of(first, "member", second, "chair,member"), roles(tenant));
        JsonObject secondUser =
                json(scim("GET", "Users/" + second, tenant.secret(), null).body());
        assertEquals(2, secondUser.getJsonArray("groups").size(), secondUser::toString);

        // renamed away from the role, the group stops granting it
        HttpResponse<String> renamed = scim(
                "PATCH",
                "Groups/" + group,
                tenant.secret(),
                patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Former chairs\"}"));
        assertEquals(200, renamed.statusCode(), renamed::body);
        assertEquals("member", roles(tenant).get(second));
        HttpResponse<String> compliance = scim(
                "PUT",
                "Groups/" + group,
                tenant.secret(),
                "{\"displayName\":\"Compliance Officer\",\"members\":[{\"value\":\"" + first + "\"}]}");
        assertEquals(200, compliance.statusCode(), compliance::body);
        assertEquals(Map.of(first, "compliance_officer,member", second, "member"), roles(tenant));
        assertEquals(
                204, scim("DELETE", "Groups/" + group, tenant.secret(), null).statusCode());
        assertEquals(Map.of(first, "member", second, "member"), roles(tenant));

        // a member of another organization is not a User here
        HttpResponse<String> foreign = scim(
                "POST",
                "Groups",
                tenant.secret(),
                "{\"displayName\":\"Admin\",\"members\":[{\"value\":\"" + memberId("acme", "alice") + "\"}]}");
        assertEquals(400, foreign.statusCode(), foreign::body);
        assertEquals("invalidValue", json(foreign.body()).getString("scimType"));
        assertEquals("member", roles(tenant).get(first));
    }

    @Test
    void onlyAValidProvisioningTokenReachesTheScimApiAndOnlyItsOwnOrganization() throws Exception {
        Tenant tenant = newTenant();
        assertEquals(401, scim("GET", "Users", null, null).statusCode());
        assertEquals(401, scim("GET", "Users", "qps_" + "A".repeat(43), null).statusCode(), "an unknown token");
        HttpResponse<String> member = scim("GET", "Users", Tokens.valid("acme", "frank", "member", "admin"), null);
        assertEquals(403, member.statusCode(), "a member's token, even an admin's, is not a provisioning token");
        HttpResponse<String> pretender = scim(
                "GET",
                "Users",
                Tokens.with("acme", "frank", c -> c.claim("groups", List.of("scim_provisioner"))
                        .claim("upn", "provisioning-token:" + tenant.tokenId())),
                null);
        assertEquals(403, pretender.statusCode(), "a JWT naming itself a provisioner is not one");

        // the token sees its own organization's members only
        HttpResponse<String> alice = scim("GET", "Users/" + memberId("acme", "alice"), tenant.secret(), null);
        assertEquals(404, alice.statusCode(), alice::body);
        assertEquals(
                0,
                json(scim("GET", "Users" + filter("userName eq \"alice\""), tenant.secret(), null)
                                .body())
                        .getInt("totalResults"));

        HttpResponse<String> listed =
                get(api("platform/organizations/" + tenant.slug() + "/provisioning-tokens"), OPERATOR);
        assertEquals(200, listed.statusCode(), listed::body);
        assertFalse(listed.body().contains(tenant.secret()), "the secret is shown once, when issued");
        HttpResponse<String> revoked = call(
                "DELETE",
                "platform/organizations/" + tenant.slug() + "/provisioning-tokens/" + tenant.tokenId(),
                OPERATOR,
                null);
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertNotNull(json(revoked.body()).getString("revokedAt"));
        assertEquals(401, scim("GET", "Users", tenant.secret(), null).statusCode(), "a revoked token");
    }

    @Test
    void refusalsComeInScimsErrorFormWithQuorumsCode() throws Exception {
        Tenant tenant = newTenant();
        String id = createUser(tenant, "taken@" + tenant.slug() + ".example");
        assertScimError(
                scim("GET", "Users" + filter("title co \"Director\""), tenant.secret(), null), 400, "invalidFilter");
        assertScimError(
                scim("GET", "Users" + filter("phoneNumbers eq \"1\""), tenant.secret(), null), 400, "invalidFilter");
        assertScimError(scim("POST", "Users", tenant.secret(), "{\"userName\":"), 400, "invalidSyntax");
        assertScimError(
                scim("POST", "Users", tenant.secret(), "{\"displayName\":\"No user name\"}"), 400, "invalidValue");
        assertScimError(
                scim("POST", "Users", tenant.secret(), "{\"userName\":\"TAKEN@" + tenant.slug() + ".example\"}"),
                409,
                "uniqueness");
        assertScimError(
                scim(
                        "PATCH",
                        "Users/" + id,
                        tenant.secret(),
                        patch("{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":1}")),
                400,
                "invalidPath");
        assertScimError(
                scim("PATCH", "Users/" + id, tenant.secret(), patch("{\"op\":\"remove\",\"path\":\"userName\"}")),
                400,
                "mutability");
        assertScimError(
                scim(
                        "PATCH",
                        "Users/" + id,
                        tenant.secret(),
                        patch("{\"op\":\"merge\",\"path\":\"active\",\"value\":true}")),
                400,
                "invalidSyntax");
        assertScimError(
                scim(
                        "PATCH",
                        "Users/" + id,
                        tenant.secret(),
                        patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}")),
                400,
                "invalidValue");
        HttpResponse<String> missing = scim("GET", "Users/not-a-number", tenant.secret(), null);
        assertEquals(404, missing.statusCode());
        assertEquals("SCIM_NOT_FOUND", json(missing.body()).getString("code"));
        HttpResponse<String> config = scim("GET", "ServiceProviderConfig", tenant.secret(), null);
        assertEquals(200, config.statusCode(), config::body);
        assertTrue(json(config.body()).getJsonObject("patch").getBoolean("supported"));
        assertTrue(json(config.body()).getJsonObject("etag").getBoolean("supported"));
    }

    @Test
    void thePlatformOperatorSuspendsResumesAndDeletesAnOrganization() throws Exception {
        Tenant tenant = newTenant();
        String userName = "olaf@" + tenant.slug() + ".example";
        createUser(tenant, userName);
        String organization = "platform/organizations/" + tenant.slug();

        assertEquals(
                403,
                post(
                                api("platform/organizations"),
                                Tokens.valid("acme", "frank", "member", "admin"),
                                "{\"slug\":\"not-by-an-admin\",\"name\":\"No\"}")
                        .statusCode());
        HttpResponse<String> taken = post(
                api("platform/organizations"), OPERATOR, "{\"slug\":\"" + tenant.slug() + "\",\"name\":\"Again\"}");
        assertEquals(409, taken.statusCode());
        assertEquals("ORGANIZATION_TAKEN", json(taken.body()).getString("code"));
        HttpResponse<String> badSlug =
                post(api("platform/organizations"), OPERATOR, "{\"slug\":\"Not A Slug\",\"name\":\"x\"}");
        assertEquals(400, badSlug.statusCode(), badSlug::body);
        assertEquals(
                409,
                call("DELETE", organization, OPERATOR, null).statusCode(),
                "an active organization is not deleted");

        String memberToken = Tokens.valid(tenant.slug(), userName, "member");
        try (QuorumClient olaf = QuorumClient.withToken(ws(), memberToken)) {
            olaf.welcome();
            HttpResponse<String> suspended = post(api(organization + "/suspend"), OPERATOR, null);
            assertEquals(200, suspended.statusCode(), suspended::body);
            assertEquals("suspended", json(suspended.body()).getString("status"));
            assertEquals(4003, olaf.awaitClose());
        }
        HttpResponse<String> refused = post(api("tickets"), memberToken, null);
        assertEquals("ORGANIZATION_SUSPENDED", json(refused.body()).getString("code"), refused::body);
        assertEquals(
                401, scim("GET", "Users", tenant.secret(), null).statusCode(), "its identity provider is shut out too");

        assertEquals(200, post(api(organization + "/resume"), OPERATOR, null).statusCode());
        try (QuorumClient olaf = QuorumClient.withToken(ws(), memberToken)) {
            olaf.welcome();
        }
        assertEquals(200, scim("GET", "Users", tenant.secret(), null).statusCode(), "an unrevoked token works again");

        assertEquals(200, post(api(organization + "/suspend"), OPERATOR, null).statusCode());
        HttpResponse<String> deleted = call("DELETE", organization, OPERATOR, null);
        assertEquals(200, deleted.statusCode(), deleted::body);
        assertEquals("deleted", json(deleted.body()).getString("status"));
        assertEquals(0, json(deleted.body()).getInt("activeTokens"), "its tokens are revoked");
        assertEquals(409, post(api(organization + "/resume"), OPERATOR, null).statusCode(), "deleted is for good");
        assertEquals(
                List.of(
                        "platform.organization.create",
                        "platform.provisioning-token.issue",
                        "platform.organization.suspend",
                        "platform.organization.resume",
                        "platform.organization.suspend",
                        "platform.organization.delete"),
                operatorActions(tenant));
    }

    private HttpResponse<String> get(URI uri, String bearer) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertScimError(HttpResponse<String> response, int status, String scimType) {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith(SCIM),
                response.headers()::toString);
        JsonObject error = json(response.body());
        assertEquals(
                "urn:ietf:params:scim:api:messages:2.0:Error",
                error.getJsonArray("schemas").getString(0));
        assertEquals(String.valueOf(status), error.getString("status"));
        assertEquals(scimType, error.getString("scimType"), response::body);
        assertFalse(error.getString("detail").isBlank());
        assertTrue(error.getString("code").matches("[A-Z_]+"), response::body);
    }

    /** Each member's roles, comma separated in order, by their SCIM id. */
    private static Map<String, String> roles(Tenant tenant) throws Exception {
        Map<String, TreeSet<String>> roles = new java.util.TreeMap<>();
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement("SELECT m.id, r.role FROM member m JOIN organization o"
                        + " ON o.id = m.organization_id JOIN member_role r ON r.member_id = m.id WHERE o.slug = ?")) {
            query.setString(1, tenant.slug());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    roles.computeIfAbsent(String.valueOf(rs.getLong(1)), id -> new TreeSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        Map<String, String> joined = new java.util.TreeMap<>();
        roles.forEach((id, held) -> joined.put(id, String.join(",", held)));
        return joined;
    }

    private static long memberId(String organization, String subject) throws Exception {
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(
                        "SELECT m.id FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = ? AND m.subject = ?")) {
            query.setString(1, organization);
            query.setString(2, subject);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private static List<String> auditedActions(Tenant tenant) throws Exception {
        return actions(
                "SELECT action FROM audit_event WHERE actor = ? ORDER BY id", "provisioning-token:" + tenant.tokenId());
    }

    private static List<String> operatorActions(Tenant tenant) throws Exception {
        return actions(
                "SELECT action FROM audit_event WHERE target = ? AND action LIKE 'platform.%' ORDER BY id",
                "organization:" + tenant.slug());
    }

    private static List<String> actions(String sql, String parameter) throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(
                System.getProperty("quorum.it.dbUrl"), System.getProperty("quorum.it.dbUser"), "");
    }
}
