package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.launcher.EmbeddedDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a real Payara Server 6 (full profile), installed by the same script and resource commands an
 * administrator uses, in production mode with a key of the test's own: an authenticated WebSocket round
 * trip, a ticket, health, and no development endpoints.
 */
class EarDeploymentIT {

    private static final String DOMAIN = "quorum-it";
    private static final int PORT_BASE = 28000;
    private static final int ADMIN_PORT = PORT_BASE + 48;
    private static final int HTTP_PORT = PORT_BASE + 80;
    private static final HttpClient HTTP = QuorumIT.HTTP;

    private static EmbeddedDatabase database;
    private static KeyPair issuerKeys;
    private static Path payara;

    @BeforeAll
    static void installQuorumOnPayaraServer() throws Exception {
        Path work = Path.of(System.getProperty("quorum.it.work")).toAbsolutePath();
        payara = Path.of(System.getProperty("quorum.payaraHome"));
        Path distribution = Path.of(System.getProperty("quorum.serverDistribution"));
        Files.createDirectories(work);
        database = EmbeddedDatabase.start(work.resolve("postgres"), 0, false);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        issuerKeys = generator.generateKeyPair();
        Path publicKey = work.resolve("issuer-public.pem");
        Files.writeString(
                publicKey,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(issuerKeys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");

        asadmin(List.of("delete-domain", DOMAIN), Map.of(), true);
        asadmin(
                List.of("create-domain", "--nopassword", "--portbase", String.valueOf(PORT_BASE), DOMAIN),
                Map.of(),
                false);
        run(
                List.of(
                        "bash",
                        distribution.resolve("install-on-payara-server.sh").toString(),
                        payara.toString(),
                        DOMAIN,
                        System.getProperty("quorum.ear")),
                Map.of(
                        "QUORUM_DB_URL", database.jdbcUrl(),
                        "QUORUM_DB_USER", database.user(),
                        "QUORUM_DB_PASSWORD", "unused",
                        "QUORUM_BROKER_PORT", String.valueOf(freePort()),
                        "QUORUM_DATA_DIR", work.resolve("data").toString(),
                        "QUORUM_MODE", "production",
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toUri().toString(),
                        "ASADMIN_OPTIONS", "--port " + ADMIN_PORT),
                Duration.ofMinutes(6),
                false);

        // production mode loads no seed data: the directory gets its members from outside
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO organization (slug, name) VALUES ('initech', 'Initech')");
            statement.execute("INSERT INTO member (organization_id, subject, display_name) "
                    + "SELECT id, 'peter', 'Peter Gibbons' FROM organization WHERE slug = 'initech'");
            statement.execute(
                    "INSERT INTO member_role (member_id, role) SELECT id, 'member' FROM member WHERE subject = 'peter'");
        }
    }

    @AfterAll
    static void removeTheDomain() throws Exception {
        try {
            asadmin(List.of("stop-domain", DOMAIN), Map.of(), true);
            asadmin(List.of("delete-domain", DOMAIN), Map.of(), true);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void anAuthenticatedWebSocketRoundTripWorksOnPayaraServer() {
        String token = Tokens.signedBy(issuerKeys.getPrivate(), "initech", "peter", "member");
        try (QuorumClient client = QuorumClient.withToken(ws(), token)) {
            JsonObject welcome = client.welcome();
            assertEquals("peter", welcome.getJsonObject("member").getString("id"));
            assertEquals("Initech", welcome.getJsonObject("organization").getString("name"));
            client.send("{\"type\":\"ping\",\"id\":\"ear\"}");
            assertEquals("ear", client.next("pong").getString("replyTo"));
        }
    }

    @Test
    void browsersConnectWithATicketOnPayaraServer() throws Exception {
        String token = Tokens.signedBy(issuerKeys.getPrivate(), "initech", "peter", "member");
        HttpResponse<String> issued = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/tickets"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, issued.statusCode(), issued::body);
        try (QuorumClient client =
                QuorumClient.withTicket(ws(), json(issued.body()).getString("ticket"))) {
            assertEquals("peter", client.welcome().getJsonObject("member").getString("id"));
        }
    }

    @Test
    void theDevelopmentKeyAndEndpointsDoNotWorkInProduction() throws Exception {
        HttpResponse<String> members = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/dev/members?organization=initech"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, members.statusCode());
        assertEquals("NOT_FOUND", json(members.body()).getString("code"));
        RawHandshake.Answer refused = RawHandshake.attempt(
                ws(), Map.of("Authorization", "Bearer " + Tokens.signedBy(foreignKey(), "initech", "peter", "member")));
        assertEquals(401, refused.status());
    }

    @Test
    void readinessChecksTheDatabaseAndTheBrokerOnPayaraServer() throws Exception {
        HttpResponse<String> ready = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/health/ready"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready::body);
        assertTrue(ready.body().contains("\"database\"") && ready.body().contains("\"broker\""), ready::body);
    }

    private static String base() {
        return "http://localhost:" + HTTP_PORT + "/quorum";
    }

    private static URI ws() {
        return URI.create("ws://localhost:" + HTTP_PORT + "/quorum/ws");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static java.security.PrivateKey foreignKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static void asadmin(List<String> arguments, Map<String, String> env, boolean mayFail) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(payara.resolve("bin/asadmin").toString()));
        command.addAll(arguments);
        run(command, env, Duration.ofMinutes(3), mayFail);
    }

    private static void run(List<String> command, Map<String, String> env, Duration timeout, boolean mayFail)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        if (!mayFail && process.exitValue() != 0) {
            throw new AssertionError("failed with " + process.exitValue() + ": " + command);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
