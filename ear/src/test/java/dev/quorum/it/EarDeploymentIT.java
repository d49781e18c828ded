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
 * trip, a ticket, health, and no development endpoints; a chat message and a vote between two members
 * through the bridge from the EJB module's events to the web module's sockets.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EarDeploymentIT {

    private static final String DOMAIN = "quorum-it";
    private static final int PORT_BASE = 28000;
    private static final int ADMIN_PORT = PORT_BASE + 48;
    private static final int HTTP_PORT = PORT_BASE + 80;
    private static final HttpClient HTTP = QuorumIT.HTTP;

    private static EmbeddedDatabase database;
    private static KeyPair issuerKeys;
    private static Path payara;

    /** The session tokens' key the install script gives the domain (QUORUM_SESSION_SIGNING_KEY). */
    private static final String SESSION_KEY =
            Base64.getEncoder().encodeToString("ear-test-session-key-of-32-bytes".getBytes());

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
                        "QUORUM_SESSION_SIGNING_KEY", SESSION_KEY,
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
            statement.execute("INSERT INTO member (organization_id, subject, display_name) "
                    + "SELECT id, 'michael', 'Michael Bolton' FROM organization WHERE slug = 'initech'");
            statement.execute("INSERT INTO member (organization_id, subject, display_name) "
                    + "SELECT id, 'bill', 'Bill Lumbergh' FROM organization WHERE slug = 'initech'");
            statement.execute("INSERT INTO member_role (member_id, role) SELECT id, 'member' FROM member");
            statement.execute("INSERT INTO member_role (member_id, role) SELECT id, 'chair' FROM member "
                    + "WHERE subject = 'bill'");
            statement.execute("INSERT INTO room (organization_id, kind, name, access_rule) "
                    + "SELECT id, 'organization', 'Initech — everyone', 'organization' FROM organization "
                    + "WHERE slug = 'initech'");
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

    /** First, before any connection: every metric is registered at start-up, with its description. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void everyMetricIsThereWithItsDescriptionBeforeTheFirstConnection() throws Exception {
        String scrape = HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + HTTP_PORT + "/metrics?scope=application"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        MetricsCatalogue.assertDescribed(scrape);
        assertTrue(
                java.util.regex.Pattern.compile(
                                "^quorum_connections_opened_total\\{[^}]*credential=\"token\"[^}]*\\} 0(\\.0)?$",
                                java.util.regex.Pattern.MULTILINE)
                        .matcher(scrape)
                        .find(),
                () -> "no connection was opened yet, and the counter is there: " + scrape);
    }

    /**
     * An administrator lowers a limit with asadmin while Quorum runs: it applies within seconds, without a
     * restart, and raising it again applies too.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void aLimitSetWithAsadminAppliesWithoutARestart() throws Exception {
        String token = Tokens.signedBy(issuerKeys.getPrivate(), "initech", "michael", "member");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        setConfigProperty("quorum.limits.connections-per-member", "1");
        try (QuorumClient first = QuorumClient.withToken(ws(), token)) {
            first.welcome();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            RawHandshake.Answer second = RawHandshake.attempt(ws(), bearer);
            while (second.status() != 429 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                second = RawHandshake.attempt(ws(), bearer);
            }
            assertEquals(429, second.status(), second::toString);
            assertTrue(second.body().contains("TOO_MANY_CONNECTIONS"), second::body);
        } finally {
            setConfigProperty("quorum.limits.connections-per-member", "5");
        }
        try (QuorumClient first = QuorumClient.withToken(ws(), token)) {
            first.welcome();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            RawHandshake.Answer second = RawHandshake.attempt(ws(), bearer);
            while (second.status() != 101 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                second = RawHandshake.attempt(ws(), bearer);
            }
            assertEquals(101, second.status(), second::toString); // the raised limit applies too
        }
    }

    private static void setConfigProperty(String name, String value) throws Exception {
        asadmin(
                List.of(
                        "--port",
                        String.valueOf(ADMIN_PORT),
                        "set-config-property",
                        "--source",
                        "domain",
                        "--propertyName",
                        name,
                        "--propertyValue",
                        value),
                Map.of(),
                false);
    }

    /** The install script keeps the database password out of domain.xml, and turns on the pools' monitoring. */
    @Test
    void theDatabasePasswordIsAPasswordAliasAndThePoolsAreMonitored() throws Exception {
        String domainXml = Files.readString(payara.resolve("glassfish/domains/" + DOMAIN + "/config/domain.xml"));
        java.util.regex.Matcher pool = java.util.regex.Pattern.compile(
                        "<jdbc-connection-pool[^>]*name=\"quorum-pool\".*?</jdbc-connection-pool>",
                        java.util.regex.Pattern.DOTALL)
                .matcher(domainXml);
        assertTrue(pool.find(), "the pool is in domain.xml");
        assertTrue(pool.group().contains("name=\"password\" value=\"${ALIAS=quorum-db-password}\""), pool::group);
        java.util.regex.Matcher adapter = java.util.regex.Pattern.compile(
                        "<resource-adapter-config[^>]*resource-adapter-name=\"activemq-rar\".*?</resource-adapter-config>",
                        java.util.regex.Pattern.DOTALL)
                .matcher(domainXml);
        assertTrue(adapter.find(), "the adapter's configuration is in domain.xml");
        assertTrue(
                adapter.group().contains("name=\"Password\" value=\"${ALIAS=quorum-broker-password}\""),
                adapter::group);
        assertTrue(domainXml.contains("jdbc-connection-pool=\"HIGH\""), "Payara monitors the JDBC pools");
        assertTrue(
                domainXml.contains("name=\"payara.microprofile.quorum.retention.days\" value=\"30\""),
                "every setting is written to the domain with its default");
        assertTrue(domainXml.contains("name=\"payara.microprofile.quorum.publish.writers\" value=\"8\""));
        assertTrue(domainXml.contains("connector-connection-pool=\"HIGH\""), "and the JMS pool");
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

    /**
     * The services fire their events in the EJB jar; the sockets live in the WAR. A message published by
     * one member must reach another through the delivery bridge, after its commit.
     */
    @Test
    void aChatMessageCrossesFromTheEjbModuleToTheWebModulesSockets() throws Exception {
        long room = roomId("Initech — everyone");
        try (QuorumClient peter = client("peter", "member");
                QuorumClient michael = client("michael", "member")) {
            join(peter, room);
            join(michael, room);
            assertEquals(
                    "ear-chat-1",
                    MeetingSteps.command(
                                    peter,
                                    "publish",
                                    "{\"room\":" + room
                                            + ",\"id\":\"ear-chat-1\",\"type\":\"chat\",\"data\":{\"text\":\"TPS reports\"}}")
                            .getJsonObject("data")
                            .getString("id"));
            JsonObject message = michael.next("message").getJsonObject("data");
            assertEquals("TPS reports", message.getJsonObject("data").getString("text"));
            assertEquals("peter", message.getJsonObject("sender").getString("id"));
        }
    }

    /** A vote between two members on Payara Server: recorded with its audit record, tallied and closed live. */
    @Test
    void aVoteBetweenTwoMembersIsRecordedAuditedAndAnnouncedOnPayaraServer() throws Exception {
        String billToken = Tokens.signedBy(issuerKeys.getPrivate(), "initech", "bill", "member", "chair");
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/meetings"))
                        .header("Authorization", "Bearer " + billToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"board\",\"title\":\"Board\","
                                + "\"scheduledAt\":\"2026-12-01T09:00:00Z\",\"participants\":"
                                + "[{\"member\":\"peter\"},{\"member\":\"bill\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
        JsonObject meeting = json(created.body()).getJsonObject("meeting");
        long meetingId = meeting.getJsonNumber("id").longValue();
        long room = meeting.getJsonNumber("room").longValue();
        try (QuorumClient peter = client("peter", "member");
                QuorumClient bill = client("bill", "member", "chair")) {
            join(peter, room);
            join(bill, room);
            MeetingSteps.ok(MeetingSteps.command(peter, "meeting.checkin", "{\"meeting\":" + meetingId + "}"));
            MeetingSteps.ok(MeetingSteps.command(bill, "meeting.checkin", "{\"meeting\":" + meetingId + "}"));
            MeetingSteps.start(bill, meetingId);
            long motion = MeetingSteps.propose(peter, meetingId, "");
            MeetingSteps.ok(MeetingSteps.command(bill, "motion.second", "{\"motion\":" + motion + "}"));
            MeetingSteps.ok(MeetingSteps.command(bill, "motion.open", "{\"motion\":" + motion + "}"));
            MeetingSteps.ok(MeetingSteps.vote(peter, motion, "for"));
            JsonObject tally = MeetingSteps.event(bill, "motion.tally", data -> true);
            assertEquals(1, tally.getJsonObject("data").getJsonObject("tally").getInt("votesCast"));
            MeetingSteps.ok(MeetingSteps.command(bill, "motion.close", "{\"motion\":" + motion + "}"));
            JsonObject closed = MeetingSteps.event(peter, "motion.closed", data -> true);
            assertEquals(
                    "carried",
                    closed.getJsonObject("data").getJsonObject("motion").getString("outcome"));

            // a transcript segment: its analysis job goes through the broker to the EJB jar's message-driven
            // bean, whose results reach the web module's sockets
            MeetingSteps.ok(MeetingSteps.command(
                    peter,
                    "transcript.submit",
                    "{\"meeting\":" + meetingId
                            + ",\"id\":\"ear-1\",\"text\":\"The board approved the annual budget.\"}"));
            MeetingSteps.event(bill, "transcript", data -> "ear-1".equals(data.getString("clientId")));
            JsonObject insight = MeetingSteps.event(bill, "analysis.insight", data -> true);
            assertEquals("decision", insight.getJsonObject("data").getString("kind"), insight::toString);
            JsonObject adjourned =
                    MeetingSteps.ok(MeetingSteps.command(bill, "meeting.adjourn", "{\"meeting\":" + meetingId + "}"));
            assertEquals("adjourned", adjourned.getString("status"));
        }
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = db.createStatement();
                java.sql.ResultSet audited = statement.executeQuery("SELECT string_agg(action, ',' ORDER BY id) "
                        + "FROM audit_event WHERE action LIKE 'vote.%' OR action LIKE 'motion.%' OR action LIKE 'meeting.%' "
                        + "AND action <> 'meeting.create' AND action NOT LIKE 'meeting.check%'")) {
            audited.next();
            assertEquals(
                    "meeting.start,motion.propose,motion.second,motion.open,vote.in_person,motion.close,meeting.adjourn",
                    audited.getString(1));
        }
    }

    private static QuorumClient client(String member, String... roles) {
        QuorumClient client =
                QuorumClient.withToken(ws(), Tokens.signedBy(issuerKeys.getPrivate(), "initech", member, roles));
        client.welcome();
        return client;
    }

    private static void join(QuorumClient client, long room) {
        client.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
        client.next("joined");
    }

    private static long roomId(String name) throws Exception {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                java.sql.PreparedStatement query = db.prepareStatement("SELECT id FROM room WHERE name = ?")) {
            query.setString(1, name);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
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

    /**
     * A browser signed in through the identity provider holds Quorum's own session token: the web module's
     * identity store (bridging to the EJB jar's verifier) lets it through MicroProfile JWT on Payara Server
     * too, and it buys a ticket like any member token; one signed with another key does not.
     */
    @Test
    void aSessionTokenOfQuorumsOwnOpensAConnectionOnPayaraServer() throws Exception {
        HttpResponse<String> issued = ticketFor(sessionToken(SESSION_KEY, "michael"));
        assertEquals(201, issued.statusCode(), issued::body);
        try (QuorumClient client =
                QuorumClient.withTicket(ws(), json(issued.body()).getString("ticket"))) {
            assertEquals("michael", client.welcome().getJsonObject("member").getString("id"));
        }
        HttpResponse<String> forged =
                ticketFor(sessionToken(Base64.getEncoder().encodeToString(new byte[32]), "michael"));
        assertEquals(401, forged.statusCode(), forged::body);
        HttpResponse<String> signIn = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/auth/oidc/sign-in"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, signIn.statusCode());
        assertTrue(signIn.headers()
                .firstValue("Location")
                .orElseThrow()
                .endsWith("sign-in.html?error=SIGN_IN_NOT_CONFIGURED"));
    }

    private static HttpResponse<String> ticketFor(String bearer) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/tickets"))
                        .header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A session token as Quorum issues one to a signed-in browser (HS256 under the session key). */
    private static String sessionToken(String base64Key, String member) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256)
                        .type(com.nimbusds.jose.JOSEObjectType.JWT)
                        .keyID("quorum-session")
                        .build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder()
                        .issuer("urn:quorum:session")
                        .audience("quorum")
                        .subject(member)
                        .claim("upn", member)
                        .claim("org", "initech")
                        .claim("groups", List.of("member"))
                        .issueTime(new java.util.Date(now * 1000))
                        .expirationTime(new java.util.Date((now + 300) * 1000))
                        .jwtID(java.util.UUID.randomUUID().toString())
                        .build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(Base64.getDecoder().decode(base64Key)));
        return jwt.serialize();
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
        assertTrue(
                ready.body().contains("\"quorum-deployed\""), () -> "the readiness gate is deployed: " + ready.body());
    }

    /**
     * Runs last: the domain restarts, and while Payara loads the adapter and the applications again,
     * /health/ready must not say UP before Quorum answers.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void afterADomainRestartReadinessStaysDownUntilQuorumServes() throws Exception {
        ReadinessWatch watch = new ReadinessWatch(HTTP_PORT);
        watch.start();
        try {
            asadmin(List.of("restart-domain", DOMAIN), Map.of(), false);
            // a slower machine takes longer to load the adapter, the embedded broker and the model again
            long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < until) {
                Thread.sleep(200);
                try {
                    status = HTTP.send(
                                    HttpRequest.newBuilder(URI.create(base() + "/api/client-config"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException notYet) {
                    status = 0;
                }
            }
            int served = status;
            assertEquals(
                    200,
                    served,
                    () -> "Quorum serves again after the restart; the server log's last errors: " + lastErrors());
            Thread.sleep(1_000);
        } finally {
            watch.stopAndJoin();
        }
        System.out.println("EarDeploymentIT: while the restart stopped the domain, readiness was UP with Quorum not"
                + " serving " + watch.upWhileStopping().size() + " times: " + watch.upWhileStopping());
        assertEquals(List.of(), watch.upBeforeServing(), "/health/ready was UP while Quorum did not yet serve");
    }

    /** What went wrong on the server, for a failure's message: CI keeps the test report, not the domain. */
    private static String lastErrors() {
        Path log = payara.resolve("glassfish/domains/" + DOMAIN + "/logs/server.log");
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            List<String> errors = lines.filter(line -> line.contains("SEVERE") || line.contains("Exception"))
                    .map(line -> line.length() > 400 ? line.substring(0, 400) + "…" : line)
                    .toList();
            return String.join("\n", errors.subList(Math.max(0, errors.size() - 15), errors.size()));
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            return "(" + log + " unreadable: " + unreadable + ")";
        }
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
