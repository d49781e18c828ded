package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Health, metrics, the schema Flyway built on an empty database, and the development endpoints. */
class OperationsIT extends QuorumIT {

    @Test
    void readinessChecksTheDatabaseAndTheBroker() throws Exception {
        HttpResponse<String> ready = get(serverRoot("/health/ready"));
        assertEquals(200, ready.statusCode(), ready::body);
        JsonObject health = json(ready.body());
        assertEquals("UP", health.getString("status"));
        Set<String> up = health.getJsonArray("checks").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(check -> "UP".equals(check.getString("status")))
                .map(check -> check.getString("name"))
                .collect(Collectors.toSet());
        assertTrue(up.containsAll(Set.of("application", "database", "broker")), up::toString);
        assertEquals(200, get(serverRoot("/health/live")).statusCode());
    }

    @Test
    void openConnectionsAreAGauge() throws Exception {
        double before = metric("quorum_connections_open{");
        try (QuorumClient first = QuorumClient.withToken(ws(), Tokens.valid("acme", "alice", "member"));
                QuorumClient second = QuorumClient.withToken(ws(), Tokens.valid("globex", "gina", "member"))) {
            first.welcome();
            second.welcome();
            assertEquals(before + 2, metric("quorum_connections_open{"));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (metric("quorum_connections_open{") != before && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before, metric("quorum_connections_open{"));
    }

    @Test
    void everyMetricIsDescribedAndTheDashboardReadsOnlyQuorumsMetrics() throws Exception {
        MetricsCatalogue.assertDescribed(
                get(serverRoot("/metrics?scope=application")).body());
        MetricsCatalogue.assertDashboardReadsDocumentedMetrics(
                java.nio.file.Path.of("..", "docs", "grafana", "quorum-dashboard.json"));
    }

    @Test
    void thePlatformOperatorSeesEverySettingInForceButNoSecret() throws Exception {
        List<String> catalogue = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                        "..", "ejb-module", "src", "main", "resources", "settings", "quorum-settings.tsv"))
                .stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t")[0])
                .toList();
        HttpResponse<String> settings =
                call("GET", "platform/settings", Tokens.valid("acme", "pat", "member", "platform_admin"), null);
        assertEquals(200, settings.statusCode(), settings::body);
        JsonArray listed = jakarta.json.Json.createReader(new java.io.StringReader(settings.body()))
                .readArray();
        assertEquals(
                catalogue,
                listed.getValuesAs(JsonValue::asJsonObject).stream()
                        .map(s -> s.getString("name"))
                        .toList());
        for (JsonObject setting : listed.getValuesAs(JsonValue::asJsonObject)) {
            if (setting.getString("name").endsWith("-key")) {
                assertTrue(Set.of("(set)", "(not set)").contains(setting.getString("value")), setting::toString);
            }
            if (setting.getString("name").equals("quorum.limits.connections-per-member")) {
                assertEquals("at once", setting.getString("applies"));
            }
            if (setting.getString("name").equals("quorum.publish.writers")) {
                assertEquals("restart required", setting.getString("applies"));
            }
        }
        assertEquals(
                403,
                call("GET", "platform/settings", Tokens.valid("acme", "frank", "member", "admin"), null)
                        .statusCode());
    }

    /** An ack means committed, and a vote must survive a power loss: zonky's defaults (-F) do not allow that. */
    @Test
    void theEmbeddedDatabaseSyncsEveryCommitToDisk() throws Exception {
        try (Connection db = database();
                Statement statement = db.createStatement()) {
            for (String setting : List.of("fsync", "full_page_writes", "synchronous_commit")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertEquals("on", rs.getString(1), setting);
                }
            }
        }
    }

    @Test
    void flywayBuiltTheWholeSchemaOnTheEmptyDatabase() throws Exception {
        try (Connection db = database();
                Statement statement = db.createStatement()) {
            Set<String> tables = new HashSet<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(
                    tables.containsAll(Set.of(
                            "organization",
                            "member",
                            "member_role",
                            "room",
                            "room_membership",
                            "message",
                            "audit_event",
                            "connection_ticket",
                            "flyway_schema_history")),
                    tables::toString);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void messageSequencesAreUniquePerRoomInTheSchema() throws Exception {
        try (Connection db = database();
                Statement statement = db.createStatement()) {
            long room = id(statement, "SELECT id FROM room WHERE name = 'Acme — everyone'");
            statement.execute("INSERT INTO message (room_id, sequence, priority, type, payload) VALUES (" + room
                    + ", 9001, 'normal', 'test', '{}')");
            try {
                SQLException duplicate = assertThrows(
                        SQLException.class,
                        () -> statement.execute(
                                "INSERT INTO message (room_id, sequence, priority, type, payload) VALUES (" + room
                                        + ", 9001, 'low', 'test', '{}')"));
                assertEquals("23505", duplicate.getSQLState());
                assertThrows(
                        SQLException.class,
                        () -> statement.execute(
                                "INSERT INTO message (room_id, sequence, priority, type, payload) VALUES (" + room
                                        + ", 9002, 'urgent', 'test', '{}')"));
            } finally {
                statement.execute("DELETE FROM message WHERE room_id = " + room + " AND type = 'test'");
            }
        }
    }

    @Test
    void developmentModeLoadedTheSeedDataAndListsOnlyOneOrganizationsMembers() throws Exception {
        HttpResponse<String> response = get(api("dev/members?organization=globex"));
        assertEquals(200, response.statusCode(), response::body);
        JsonArray members = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))
                .readArray();
        Set<String> names = members.getValuesAs(JsonValue::asJsonObject).stream()
                .map(m -> m.getString("member"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("gina", "hank"), names);
    }

    @Test
    void developmentTokensWorkForTheHandshake() throws Exception {
        HttpResponse<String> minted =
                post(api("dev/tokens"), null, "{\"organization\":\"acme\",\"member\":\"dave\",\"ttlSeconds\":60}");
        assertEquals(200, minted.statusCode(), minted::body);
        try (QuorumClient client =
                QuorumClient.withToken(ws(), json(minted.body()).getString("token"))) {
            JsonObject welcome = client.welcome();
            assertEquals("dave", welcome.getJsonObject("member").getString("id"));
            assertTrue(welcome.getJsonArray("roles").toString().contains("chair"));
        }
        HttpResponse<String> unknown =
                post(api("dev/tokens"), null, "{\"organization\":\"acme\",\"member\":\"nobody\"}");
        assertEquals(403, unknown.statusCode());
        assertEquals("MEMBER_UNKNOWN", json(unknown.body()).getString("code"));
    }

    private double metric(String prefix) throws Exception {
        return get(serverRoot("/metrics?scope=application"))
                .body()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("quorum.it.dbUrl"), System.getProperty("quorum.it.dbUser"), "");
    }

    private static long id(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getLong(1);
        }
    }
}
