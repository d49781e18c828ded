package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit trail is append-only and tamper-evident: the database refuses to change or delete an entry,
 * and one changed or deleted behind its back (triggers disabled, as a superuser could) is reported at the
 * right entry by the verification. Auditors export it by time range as JSON or CSV, their own organization's
 * only.
 */
class AuditIT extends QuorumIT {

    private static final String FRANK = Tokens.valid("acme", "frank", "member", "admin");
    private static final String GINA = Tokens.valid("globex", "gina", "member", "admin");
    private static final String ALICE = Tokens.valid("acme", "alice", "member");

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(api(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject verify() throws Exception {
        HttpResponse<String> answer = get("audit/verify", FRANK);
        assertEquals(200, answer.statusCode(), answer::body);
        return json(answer.body());
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("quorum.it.dbUrl"), System.getProperty("quorum.it.dbUser"), "");
    }

    record Command(int exit, String output) {}

    /** The distribution's verify-audit-trail.sh, run against this server as an operator would. */
    private Command verifyCommand() throws Exception {
        ProcessBuilder command = new ProcessBuilder(
                        "bash",
                        java.nio.file.Path.of(System.getProperty("quorum.distribution"), "verify-audit-trail.sh")
                                .toString(),
                        base.toString().replaceAll("/$", ""))
                .redirectErrorStream(true);
        command.environment().put("QUORUM_TOKEN", FRANK);
        Process process = command.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Command(process.waitFor(), output.strip());
    }

    private long createRoom(String name) throws Exception {
        HttpResponse<String> created = post(
                api("admin/rooms"),
                FRANK,
                "{\"kind\":\"division\",\"name\":\"" + name + "\",\"accessRule\":\"organization\"}");
        assertEquals(201, created.statusCode(), created::body);
        return json(created.body()).getJsonNumber("id").longValue();
    }

    @Test
    void aChangedOrDeletedEntryIsFoundAtItsPlaceAndTheDatabaseRefusesBoth() throws Exception {
        long room = createRoom("Audit " + UUID.randomUUID());
        createRoom("Audit " + UUID.randomUUID());
        JsonObject before = verify();
        assertTrue(before.getBoolean("intact"), before::toString);
        assertTrue(before.getJsonNumber("verified").longValue() >= 2, before::toString);

        long entry = ((Number) MeetingSteps.sql(
                        "SELECT id FROM audit_event WHERE action = 'admin.room.create' AND target = ?", "room:" + room))
                .longValue();
        SQLException refused = assertThrows(
                SQLException.class,
                () -> MeetingSteps.sql("UPDATE audit_event SET target = 'room:1' WHERE id = ?", entry));
        assertTrue(refused.getMessage().contains("append-only"), refused::getMessage);
        assertThrows(SQLException.class, () -> MeetingSteps.sql("DELETE FROM audit_event WHERE id = ?", entry));

        try (Connection db = database();
                Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                sql.execute("UPDATE audit_event SET target = 'room:1' WHERE id = " + entry);
                JsonObject changed = verify();
                assertFalse(changed.getBoolean("intact"));
                JsonObject broken = changed.getJsonObject("firstBroken");
                assertEquals(entry, broken.getJsonNumber("id").longValue(), changed::toString);
                assertEquals("its content was changed", broken.getString("reason"));
                Command reported = verifyCommand();
                assertEquals(1, reported.exit(), reported.output());
                assertTrue(
                        reported.output().contains("entry " + entry + ": its content was changed"), reported.output());
                sql.execute("UPDATE audit_event SET target = 'room:" + room + "' WHERE id = " + entry);
                assertTrue(verify().getBoolean("intact"), "restored, the chain holds again");
                Command intact = verifyCommand();
                assertEquals(0, intact.exit(), intact.output());
                assertTrue(intact.output().startsWith("intact: "), intact.output());

                sql.execute("UPDATE audit_event SET actor = 'mallory' WHERE id = " + entry);
                assertEquals(
                        "its actor was changed",
                        verify().getJsonObject("firstBroken").getString("reason"));
                sql.execute("UPDATE audit_event SET actor = 'frank' WHERE id = " + entry);

                sql.execute("CREATE TEMP TABLE kept AS SELECT * FROM audit_event WHERE id = " + entry);
                sql.execute("DELETE FROM audit_event WHERE id = " + entry);
                JsonObject deleted = verify();
                assertFalse(deleted.getBoolean("intact"));
                assertEquals(
                        "the entry at this position is missing",
                        deleted.getJsonObject("firstBroken").getString("reason"),
                        deleted::toString);
                sql.execute("INSERT INTO audit_event SELECT * FROM kept");
            } finally {
                sql.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        assertTrue(verify().getBoolean("intact"));
    }

    @Test
    void auditorsExportTheirOrganizationsEntriesByTimeAsJsonOrCsv() throws Exception {
        String name = "Export " + UUID.randomUUID();
        long room = createRoom(name);
        HttpResponse<String> json = get("audit?from=2020-01-01T00:00:00Z&format=json", FRANK);
        assertEquals(200, json.statusCode(), json::body);
        JsonArray entries = jakarta.json.Json.createReader(new java.io.StringReader(json.body()))
                .readArray();
        JsonObject created = entries.stream()
                .map(v -> v.asJsonObject())
                .filter(e -> ("room:" + room).equals(e.getString("target", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("room:" + room + " not in the export"));
        assertEquals("frank", created.getString("actor"));
        assertEquals(64, created.getString("hash").length());

        HttpResponse<String> csv = get("audit?format=csv", FRANK);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("id,seq,occurred_at,actor,action,target"), csv::body);
        assertTrue(csv.body().contains(",admin.room.create,room:" + room + ","), "the CSV holds the entry");

        assertFalse(get("audit", GINA).body().contains("room:" + room), "another organization sees none of it");
        assertEquals(
                0,
                get("audit?to=2020-01-01T00:00:00Z", FRANK)
                                .body()
                                .replaceAll("\\s", "")
                                .length()
                        - 2);
        assertEquals(403, get("audit", ALICE).statusCode(), "members are not auditors");
        assertEquals(400, get("audit?from=yesterday", FRANK).statusCode());
    }
}
