package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Encryption at rest: a confidential room's messages are ciphertext in the database and plain text through
 * the API (live, replayed, exported); a room marked confidential later has its earlier messages sealed in the
 * background; a key rotation under load loses nothing, every message ends sealed under the new key, and the
 * older key is retired once nothing it sealed remains.
 */
class EncryptionIT extends QuorumIT {

    private static final String FRANK = Tokens.valid("acme", "frank", "member", "admin");
    private static final String ALICE = Tokens.valid("acme", "alice", "member");
    private static final String BOB = Tokens.valid("acme", "bob", "member");

    /** Whether a room is in the re-encryption backlog (marked confidential, not yet found done). */
    private static final String IN_BACKLOG =
            "SELECT count(*) FROM room WHERE id = ? AND seal_backlog_since IS NOT NULL";

    /** Rooms in the backlog and organizations whose keys retire: what an idle sweep has to look at. */
    private static final String LEFT_TO_SEAL =
            "SELECT (SELECT count(*) FROM room WHERE seal_backlog_since IS NOT NULL) "
                    + "+ (SELECT count(*) FROM organization_key WHERE retiring)";

    private long room(String name, boolean confidential) throws Exception {
        HttpResponse<String> created = post(
                api("admin/rooms"),
                FRANK,
                "{\"kind\":\"meeting\",\"name\":\"" + name + "\",\"accessRule\":\"membership\",\"confidential\":"
                        + confidential + "}");
        assertEquals(201, created.statusCode(), created::body);
        long room = json(created.body()).getJsonNumber("id").longValue();
        for (String member : List.of("alice", "bob")) {
            assertEquals(
                    204,
                    call("PUT", "admin/rooms/" + room + "/members/" + member, FRANK, null)
                            .statusCode());
        }
        return room;
    }

    private static void join(QuorumClient client, long room) {
        client.send("{\"type\":\"join\",\"id\":\"j" + room + "\",\"data\":{\"room\":" + room + "}}");
        while (!("j" + room).equals(client.next().getString("replyTo", null))) {
            // presence and the like
        }
    }

    /** Publishes and waits for the ack (the publisher's own copy of the message may come first). */
    private static void publish(QuorumClient client, long room, String text) {
        JsonObject reply = client.publishChat(room, text);
        assertEquals("ack", reply.getString("type"), reply::toString);
    }

    /** The room's texts as a member pages through its history (50 at a time, as the pages do), in order. */
    private List<String> replayed(long room) {
        List<String> texts = new ArrayList<>();
        try (QuorumClient bob = QuorumClient.withToken(ws(), BOB)) {
            bob.welcome();
            join(bob, room);
            long before = Long.MAX_VALUE;
            boolean more = true;
            for (int page = 0; more; page++) {
                bob.send("{\"type\":\"history\",\"id\":\"h" + page + "\",\"data\":{\"room\":" + room
                        + (before == Long.MAX_VALUE ? "" : ",\"beforeSeq\":" + before) + ",\"limit\":50}}");
                JsonObject answer;
                do {
                    answer = bob.next();
                } while (!("h" + page).equals(answer.getString("replyTo", null)));
                assertEquals("history", answer.getString("type"), answer::toString);
                List<String> older = new ArrayList<>();
                for (JsonObject message :
                        answer.getJsonObject("data").getJsonArray("messages").getValuesAs(JsonObject.class)) {
                    JsonObject data = message.getJsonObject("data");
                    older.add(data.containsKey("unreadable") ? "<unreadable>" : data.getString("text"));
                    before = Math.min(before, message.getJsonNumber("seq").longValue());
                }
                texts.addAll(0, older);
                more = answer.getJsonObject("data").getBoolean("hasMore") && !older.isEmpty();
            }
        }
        return texts;
    }

    private static long count(String query, Object... parameters) throws Exception {
        return ((Number) MeetingSteps.sql(query, parameters)).longValue();
    }

    /** Counts again every 200 ms until the count is 0 or the time is up; answers the last count. */
    private static long awaitNone(Duration timeout, String query, Object... parameters) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        long counted = count(query, parameters);
        while (counted > 0 && System.nanoTime() < until) {
            Thread.sleep(200);
            counted = count(query, parameters);
        }
        return counted;
    }

    private JsonObject encryption() throws Exception {
        HttpResponse<String> status = call("GET", "admin/encryption", FRANK, null);
        assertEquals(200, status.statusCode(), status::body);
        return json(status.body());
    }

    @Test
    void aConfidentialRoomIsCiphertextInTheDatabaseAndPlainTextThroughTheApi() throws Exception {
        String run = Long.toString(System.nanoTime());
        long board = room("Board only " + run, true);
        String secret = "Project Falcon " + run + ": we offer 42 per share";
        try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE);
                QuorumClient bob = QuorumClient.withToken(ws(), BOB)) {
            alice.welcome();
            bob.welcome();
            join(alice, board);
            join(bob, board);
            publish(alice, board, secret);
            assertEquals(
                    secret,
                    bob.next("message")
                            .getJsonObject("data")
                            .getJsonObject("data")
                            .getString("text"),
                    "delivered live as written");
        }
        assertEquals(0, count("SELECT count(*) FROM message WHERE strpos(payload::text, ?) > 0", "Falcon " + run));
        assertEquals(0, count("SELECT count(*) FROM message WHERE strpos(encode(sealed, 'escape'), ?) > 0", "Falcon"));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM message WHERE room_id = ? AND sealed IS NOT NULL "
                                + "AND payload::text = '{}'",
                        board));
        assertEquals(List.of(secret), replayed(board), "replayed opened");
        String export = call("GET", "me/data", ALICE, null).body();
        assertTrue(export.contains("Falcon " + run), "the member's export shows it opened");

        // moved to another message's place, a sealed payload does not open there
        long other = room("Other " + run, true);
        try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            alice.welcome();
            join(alice, other);
            publish(alice, other, "harmless");
        }
        MeetingSteps.sql(
                "UPDATE message SET sealed = (SELECT sealed FROM message WHERE room_id = ? AND sequence = 1) "
                        + "WHERE room_id = ? AND sequence = 1",
                board,
                other);
        List<String> tampered = replayed(other);
        assertFalse(tampered.contains(secret), "a moved ciphertext never reads as the original: " + tampered);
        assertEquals(List.of("<unreadable>"), tampered, "the message that no longer opens says so");

        // a room marked confidential later: its earlier messages are sealed in the background
        long later = room("Later " + run, false);
        try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            alice.welcome();
            join(alice, later);
            publish(alice, later, "Before the mark " + run);
        }
        assertEquals(
                1, count("SELECT count(*) FROM message WHERE strpos(payload::text, ?) > 0", "Before the mark " + run));
        assertEquals(
                204,
                call("PUT", "admin/rooms/" + later + "/confidential", FRANK, "{\"confidential\":true}")
                        .statusCode());
        assertEquals(1, count(IN_BACKLOG, later), "marked: the sweeps look at it");
        awaitNone(Duration.ofSeconds(10), "SELECT count(*) FROM message WHERE room_id = ? AND sealed IS NULL", later);
        assertEquals(
                0, count("SELECT count(*) FROM message WHERE strpos(payload::text, ?) > 0", "Before the mark " + run));
        assertEquals(List.of("Before the mark " + run), replayed(later));
        // nothing left to seal for the sweeps' idle spell (4 s in the tests): the room leaves the backlog
        assertEquals(0, awaitNone(Duration.ofSeconds(20), IN_BACKLOG, later));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM audit_event WHERE action = 'admin.room.confidential' AND target = ?",
                        "room:" + later));
        assertEquals(403, call("GET", "admin/encryption", ALICE, null).statusCode());
    }

    @Test
    void aKeyRotationUnderLoadLosesNothingAndRetiresTheOldKeyWhenReEncryptionIsDone() throws Exception {
        String run = Long.toString(System.nanoTime());
        long room = room("Rotation " + run, true);
        int total = 150;
        int before = encryption().getInt("primaryKeyId");
        List<String> sent = new ArrayList<>();
        try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            alice.welcome();
            join(alice, room);
            for (int i = 0; i < total; i++) {
                String text = "Minute " + i + " of " + run;
                publish(alice, room, text);
                sent.add(text);
                if (i == total / 3) {
                    HttpResponse<String> rotated = call("POST", "admin/encryption/rotate", FRANK, null);
                    assertEquals(200, rotated.statusCode(), rotated::body);
                    assertNotEquals(before, json(rotated.body()).getInt("primaryKeyId"));
                    assertTrue(json(rotated.body()).getBoolean("retiring"));
                }
            }
        }
        JsonObject status = encryption();
        for (int i = 0;
                i < 100
                        && (status.getBoolean("retiring")
                                || status.getJsonNumber("awaitingSealing").longValue() > 0);
                i++) {
            Thread.sleep(300);
            status = encryption();
        }
        assertFalse(
                status.getBoolean("retiring"), "the older key is retired once nothing it sealed is left: " + status);
        assertEquals(0, status.getJsonNumber("awaitingSealing").longValue(), status::toString);
        int primary = status.getInt("primaryKeyId");
        assertEquals(
                total,
                count("SELECT count(*) FROM message WHERE room_id = ? AND sealed_key = ?", room, primary),
                "every message sealed again under the new key");
        assertEquals(sent, replayed(room), "nothing lost, doubled or reordered, and all still open");
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM motion mo JOIN meeting mt ON mt.id = mo.meeting_id JOIN organization o "
                                + "ON o.id = mt.organization_id WHERE o.slug = 'acme' AND mo.ballot_salt LIKE 'sealed:%' "
                                + "AND CASE WHEN mo.ballot_salt LIKE 'sealed:%' THEN split_part(mo.ballot_salt, ':', 2)::int END <> ?",
                        primary),
                "open secret motions' ballot salts (other tests leave some open) are sealed again too");
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM audit_event WHERE action = 'encryption.key.rotate' "
                                + "AND (detail->>'primaryKeyId')::int = ?",
                        primary));
    }

    /**
     * A confidential document: its newest text, every operation and its snapshots are ciphertext in the
     * database, while editing, reading any revision and exporting work through the API; a rotation re-seals
     * them all under the new key.
     */
    @Test
    void aConfidentialDocumentIsCiphertextInTheDatabaseAndEditableThroughTheApi() throws Exception {
        String run = Long.toString(System.nanoTime());
        HttpResponse<String> created =
                post(api("documents"), ALICE, "{\"title\":\"Falcon terms " + run + "\",\"confidential\":true}");
        assertEquals(201, created.statusCode(), created::body);
        long doc = json(created.body()).getJsonNumber("id").longValue();
        String opening = "Falcon " + run + ": we offer 42 per share. ";
        StringBuilder expected = new StringBuilder(opening);
        try (Editor alice = new Editor(ws(), "alice", doc, 1).open()) {
            assertEquals(
                    "doc.ack",
                    alice.submitRaw("o0", 0, "[" + Json.createValue(opening) + "]")
                            .getString("type"));
            // past the first snapshot (every 100 revisions), a keystroke at a time
            for (int i = 1; i <= 104; i++) {
                char c = (char) ('a' + i % 26);
                assertEquals(
                        "doc.ack",
                        alice.submitRaw("k" + i, i, "[" + expected.length() + ", \"" + c + "\"]")
                                .getString("type"));
                expected.append(c);
            }
        }
        String marker = "Falcon " + run;
        assertEquals(0, count("SELECT count(*) FROM document WHERE strpos(content, ?) > 0", marker));
        assertEquals(0, count("SELECT count(*) FROM document_operation WHERE strpos(operation::text, ?) > 0", marker));
        assertEquals(0, count("SELECT count(*) FROM document_snapshot WHERE strpos(content, ?) > 0", marker));
        assertEquals(
                0, count("SELECT count(*) FROM message WHERE strpos(payload::text, ?) > 0", marker), "doc.op messages");
        assertEquals(
                105,
                count(
                        "SELECT count(*) FROM document_operation WHERE document_id = ? AND sealed IS NOT NULL "
                                + "AND operation::text = '[]'",
                        doc));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM document_snapshot WHERE document_id = ? AND revision = 100 "
                                + "AND sealed IS NOT NULL",
                        doc));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM document WHERE id = ? AND content = '' AND content_sealed IS NOT NULL",
                        doc));

        assertEquals(
                expected.toString(),
                json(call("GET", "documents/" + doc, ALICE, null).body()).getString("content"));
        assertEquals(
                expected.substring(0, opening.length() + 102),
                json(call("GET", "documents/" + doc + "/revisions/103", ALICE, null)
                                .body())
                        .getString("content"),
                "a revision past the sealed snapshot, from it and the sealed operations after");
        assertTrue(call("GET", "documents/" + doc + "/export/markdown", ALICE, null)
                .body()
                .contains(marker));

        // its comments: the quoted text, the body, a reply and an earlier wording, all sealed
        HttpResponse<String> started = post(
                api("documents/" + doc + "/comments"),
                ALICE,
                "{\"start\":0,\"end\":" + marker.length() + ",\"revision\":105,\"body\":\"Check " + marker
                        + " with counsel\"}");
        assertEquals(201, started.statusCode(), started::body);
        JsonObject thread = json(started.body());
        long first = thread.getJsonArray("comments")
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        assertEquals(marker, thread.getString("quote"));
        assertEquals(
                201,
                post(
                                api("documents/" + doc + "/comments/" + thread.getJsonNumber("id") + "/replies"),
                                BOB,
                                "{\"body\":\"Agreed on " + marker + "\"}")
                        .statusCode());
        assertEquals(
                200,
                call(
                                "PATCH",
                                "documents/" + doc + "/comments/entries/" + first,
                                ALICE,
                                "{\"body\":\"Check " + marker + " with counsel today\"}")
                        .statusCode());
        for (String column : List.of("comment_thread.quote", "comment.body", "comment_edit.body")) {
            String[] at = column.split("\\.");
            assertEquals(
                    0, count("SELECT count(*) FROM " + at[0] + " WHERE strpos(" + at[1] + ", ?) > 0", marker), column);
        }
        JsonObject listed = json("{\"t\":"
                        + call("GET", "documents/" + doc + "/comments", BOB, null)
                                .body() + "}")
                .getJsonArray("t")
                .getJsonObject(0);
        assertEquals(marker, listed.getString("quote"));
        assertEquals(
                "Check " + marker + " with counsel today",
                listed.getJsonArray("comments").getJsonObject(0).getString("body"));
        assertEquals(
                "Agreed on " + marker,
                listed.getJsonArray("comments").getJsonObject(1).getString("body"));
        String wordings = call("GET", "documents/" + doc + "/comments/entries/" + first + "/wordings", ALICE, null)
                .body();
        assertTrue(
                wordings.contains("Check " + marker + " with counsel\"") && wordings.contains("counsel today"),
                wordings);

        int before = encryption().getInt("primaryKeyId");
        assertEquals(200, call("POST", "admin/encryption/rotate", FRANK, null).statusCode());
        JsonObject status = encryption();
        for (int i = 0; i < 100 && status.getBoolean("retiring"); i++) {
            Thread.sleep(300);
            status = encryption();
        }
        assertFalse(status.getBoolean("retiring"), status::toString);
        int primary = status.getInt("primaryKeyId");
        assertNotEquals(before, primary);
        assertEquals(
                105,
                count(
                        "SELECT count(*) FROM document_operation WHERE document_id = ? AND sealed_key = ?",
                        doc,
                        primary));
        assertEquals(1, count("SELECT count(*) FROM document WHERE id = ? AND sealed_key = ?", doc, primary));
        assertEquals(
                2,
                count(
                        "SELECT count(*) FROM comment c JOIN comment_thread t ON t.id = c.thread_id "
                                + "WHERE t.document_id = ? AND CASE WHEN c.body LIKE 'sealed:%' "
                                + "THEN split_part(c.body, ':', 2)::int END = ?",
                        doc, primary),
                "comments sealed again under the new key");
        assertEquals(
                "Agreed on " + marker,
                json("{\"t\":"
                                + call("GET", "documents/" + doc + "/comments", BOB, null)
                                        .body() + "}")
                        .getJsonArray("t")
                        .getJsonObject(0)
                        .getJsonArray("comments")
                        .getJsonObject(1)
                        .getString("body"));
        assertEquals(
                expected.toString(),
                json(call("GET", "documents/" + doc, ALICE, null).body()).getString("content"),
                "still opens after the older key is gone");
        try (Editor bob = new Editor(ws(), "bob", doc, 2).open()) {
            assertEquals(expected.toString(), bob.text(), "an editor opening it now gets the text");
        }
    }

    /**
     * Rooms marked confidential with nothing in them to seal leave the backlog once the idle period (4 s in the
     * tests) has passed since their mark: the second one too, marked while the sweeps had long been idle.
     */
    @Test
    void roomsMarkedWithNothingToSealLeaveTheBacklog() throws Exception {
        for (String name : List.of("First empty ", "Second empty ")) {
            long empty = room(name + System.nanoTime(), false);
            assertEquals(
                    204,
                    call("PUT", "admin/rooms/" + empty + "/confidential", FRANK, "{\"confidential\":true}")
                            .statusCode());
            assertEquals(1, count(IN_BACKLOG, empty), "marked: the sweeps look at it");
            assertEquals(
                    0,
                    awaitNone(Duration.ofSeconds(20), IN_BACKLOG, empty),
                    name + "room still in the backlog 20 s after its mark");
        }
    }

    /**
     * With no room marked confidential recently and no key retiring, the sweep that runs every two seconds
     * reads none of the tables that grow with a meeting's history: it used to scan them all on every node.
     */
    @Test
    void anIdleReEncryptionSweepReadsNoTablesHistory() throws Exception {
        String histories = "SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_user_tables WHERE relname IN ('message', "
                + "'document_operation', 'document_snapshot', 'comment', 'comment_edit', 'transcript_segment', "
                + "'analysis_result')";
        assertEquals(0, awaitNone(Duration.ofSeconds(30), LEFT_TO_SEAL), "nothing left to seal");
        Thread.sleep(11_000); // PostgreSQL publishes an idle session's counters within 10 s
        long before = count(histories);
        Thread.sleep(6_500); // three sweeps
        assertEquals(before, count(histories), "sequential scans of history tables by an idle sweep");
    }

    /**
     * A rotation reads what the retiring key sealed, found by its id, and not the organization's whole history
     * again for each batch: it used to, so that a rotation over 200,000 messages took ten minutes and read
     * 247 million rows (over a million: hours).
     */
    @Test
    void aKeyRotationReadsWhatTheRetiringKeySealedNotTheWholeHistoryPerBatch() throws Exception {
        String run = Long.toString(System.nanoTime());
        // history in clear that a rotation has no business reading
        long history = room("History " + run, false);
        insertMessages(history, 20_000);
        // a thousand messages more to seal again (five batches), sealed by the backlog's sweep first
        long board = room("Sealed history " + run, false);
        insertMessages(board, 1_000);
        assertEquals(
                204,
                call("PUT", "admin/rooms/" + board + "/confidential", FRANK, "{\"confidential\":true}")
                        .statusCode());
        assertEquals(
                0,
                awaitNone(
                        Duration.ofSeconds(60),
                        "SELECT count(*) FROM message WHERE room_id = ? AND sealed IS NULL",
                        board));
        assertEquals(0, awaitNone(Duration.ofSeconds(30), LEFT_TO_SEAL), "nothing in the backlog, no key retiring");
        MeetingSteps.sql("ANALYZE message");
        long toSealAgain = count("SELECT count(*) FROM message m JOIN room r ON r.id = m.room_id JOIN organization o "
                + "ON o.id = r.organization_id WHERE o.slug = 'acme' AND m.sealed IS NOT NULL AND m.sealed_key <> 0");
        long stored = count("SELECT count(*) FROM message");
        Thread.sleep(11_000); // PostgreSQL publishes an idle session's counters within 10 s
        long before = count(MESSAGE_ROWS_READ);

        HttpResponse<String> rotated = call("POST", "admin/encryption/rotate", FRANK, null);
        assertEquals(200, rotated.statusCode(), rotated::body);
        int primary = json(rotated.body()).getInt("primaryKeyId");
        assertEquals(
                0,
                awaitNone(
                        Duration.ofSeconds(60),
                        "SELECT count(*) FROM organization_key k JOIN organization o ON o.id = k.organization_id "
                                + "WHERE o.slug = 'acme' AND k.retiring"),
                "the older key retired");
        Thread.sleep(11_000);
        long read = count(MESSAGE_ROWS_READ) - before;
        System.out.printf(
                "EncryptionIT: a rotation sealed %d messages again and read %d rows of the message table (%d stored)%n",
                toSealAgain, read, stored);
        assertEquals(1_000, count("SELECT count(*) FROM message WHERE room_id = ? AND sealed_key = ?", board, primary));
        // the rotation's answer counts what is sealed and what awaits over the whole history (two passes, left as
        // they are); the sealing itself reads what it seals again, less than one more pass (here 1,000 of 21,000
        // rows). Each of its batches used to read the whole table.
        assertTrue(
                read < 3 * stored,
                "a rotation sealing " + toSealAgain + " messages again read " + read + " rows of the message table ("
                        + stored + " stored)");
    }

    /** Rows of the message table read so far, by sequential and by index scans. */
    private static final String MESSAGE_ROWS_READ = "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) "
            + "FROM pg_stat_user_tables WHERE relname = 'message'";

    /** Messages in clear, written as an older installation would have kept them. */
    private static void insertMessages(long room, int count) throws Exception {
        MeetingSteps.sql(
                "INSERT INTO message (room_id, sequence, priority, type, payload) SELECT ?, g, 'normal', 'chat', "
                        + "jsonb_build_object('text', 'Item ' || g) FROM generate_series(1, ?) g",
                room,
                count);
        MeetingSteps.sql("UPDATE room SET last_sequence = ? WHERE id = ?", count, room);
    }

    /** The first rotation of an organization that never sealed anything creates its keyset and rotates it at once. */
    @Test
    void anOrganizationsFirstRotationAnswersAtOnce() throws Exception {
        String slug = "keys-" + System.nanoTime();
        MeetingSteps.sql("INSERT INTO organization (slug, name) VALUES (?, ?)", slug, "Keys " + slug);
        MeetingSteps.sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT id, 'kim', 'Kim Admin' "
                        + "FROM organization WHERE slug = ?",
                slug);
        HttpResponse<String> rotated =
                call("POST", "admin/encryption/rotate", Tokens.valid(slug, "kim", "member", "admin"), null);
        assertEquals(200, rotated.statusCode(), rotated::body);
        assertTrue(json(rotated.body()).getBoolean("retiring"), rotated::body);
        assertEquals(2, json(rotated.body()).getInt("version"), "created, then rotated: " + rotated.body());
    }
}
