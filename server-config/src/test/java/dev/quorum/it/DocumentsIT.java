package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Board papers edited together: concurrent editors converge on one text, equal to the committed
 * operations replayed; a retried operation applies once; what does not fit is refused with nothing
 * changed; old revisions read back and restore as a new revision.
 */
class DocumentsIT extends QuorumIT {

    private static final String ALICE = Tokens.valid("acme", "alice", "member");
    private static final String DAVE = Tokens.valid("acme", "dave", "member", "chair");

    private long createDocument(String title) throws Exception {
        HttpResponse<String> created =
                post(api("documents"), ALICE, "{\"title\":\"" + title + "\",\"kind\":\"board_paper\"}");
        assertEquals(201, created.statusCode(), created::body);
        JsonObject document = json(created.body());
        assertEquals("draft", document.getString("status"));
        assertEquals(0, document.getJsonNumber("revision").longValue());
        return document.getJsonNumber("id").longValue();
    }

    private JsonObject read(long doc, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(api("documents/" + doc + path))
                        .header("Authorization", "Bearer " + ALICE)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer::body);
        return json(answer.body());
    }

    /**
     * Three editors type at random into one document at once — inserts at one position, overlapping
     * deletes, emoji and combining accents — each dropping its connection once and resuming. Every editor
     * ends with the same text, the server's, which is also what replaying the committed log gives.
     */
    @Test
    void concurrentEditorsConvergeOnTheCommittedText() throws Exception {
        long doc = createDocument("Q3 board paper");
        long seed = Long.getLong("quorum.documents.seed", System.nanoTime());
        System.out.println("DocumentsIT seed " + seed + " (replay with -Dquorum.documents.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Editor> editors = new ArrayList<>();
        try {
            for (String member : List.of("alice", "bob", "carol")) {
                editors.add(new Editor(ws(), member, doc, random.nextLong()).open());
            }
            EditingSession.type(editors, random, 400);
            JsonObject server = read(doc, "");
            long head = server.getJsonNumber("revision").longValue();
            String figures = EditingSession.assertConverged(editors, head, server.getString("content"));
            assertEquals(
                    server.getString("content"),
                    read(doc, "/revisions/" + head).getString("content"),
                    "the committed log replayed gives the same text");
            System.out.println("DocumentsIT: " + figures);
        } finally {
            editors.forEach(Editor::close);
        }
    }

    @Test
    void aRetriedOperationAppliesOnceAndOneThatDoesNotFitIsRefusedWithNothingChanged() throws Exception {
        long doc = createDocument("Resolution draft");
        try (Editor alice = new Editor(ws(), "alice", doc, 1).open()) {
            JsonObject first = alice.submitRaw("op-1", 0, "[\"Resolved: \"]");
            assertEquals("doc.ack", first.getString("type"), first::toString);
            assertEquals(
                    1, first.getJsonObject("data").getJsonNumber("revision").longValue());
            JsonObject again = alice.submitRaw("op-1", 0, "[\"Resolved: \"]");
            assertEquals(
                    1, again.getJsonObject("data").getJsonNumber("revision").longValue());
            assertTrue(again.getJsonObject("data").getBoolean("duplicate"));

            JsonObject tooLong = alice.submitRaw("op-2", 1, "[100, \"x\"]");
            assertEquals("error", tooLong.getString("type"));
            assertEquals("OPERATION_DOES_NOT_FIT", tooLong.getJsonObject("data").getString("code"));
            JsonObject ahead = alice.submitRaw("op-3", 7, "[\"x\"]");
            assertEquals("REVISION_UNKNOWN", ahead.getJsonObject("data").getString("code"));
            JsonObject malformed = alice.submitRaw("op-4", 1, "[{\"d\": -1}]");
            assertEquals("INVALID_MESSAGE", malformed.getJsonObject("data").getString("code"));
            JsonObject state = read(doc, "");
            assertEquals("Resolved: ", state.getString("content"));
            assertEquals(1, state.getJsonNumber("revision").longValue());

            // made final by the chair: read-only from then on
            HttpResponse<String> finalized = HTTP.send(
                    HttpRequest.newBuilder(api("documents/" + doc))
                            .header("Authorization", "Bearer " + DAVE)
                            .header("Content-Type", "application/json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"final\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, finalized.statusCode(), finalized::body);
            JsonObject refused = alice.submitRaw("op-5", 1, "[\"x\"]");
            assertEquals("DOCUMENT_READ_ONLY", refused.getJsonObject("data").getString("code"));
        }
    }

    /**
     * Twelve connections send their first operation at the same moment, all made against revision 0: the
     * document's lock orders them as revisions 1 to 12, each once, and the text holds every one.
     */
    @Test
    void simultaneousFirstOperationsGetGaplessRevisions() throws Exception {
        long doc = createDocument("Burst");
        List<Editor> editors = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String member = List.of("alice", "bob", "carol", "dave", "erin", "frank")
                        .get(i % 6);
                editors.add(new Editor(ws(), member, doc, i).open());
            }
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.CompletableFuture<JsonObject>> answers = new ArrayList<>();
            for (int i = 0; i < editors.size(); i++) {
                Editor editor = editors.get(i);
                String id = "burst-" + i;
                answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return editor.submitRaw(id, 0, "[\"" + id + " \"]");
                }));
            }
            start.countDown();
            java.util.Set<Long> revisions = new java.util.TreeSet<>();
            for (java.util.concurrent.CompletableFuture<JsonObject> answer : answers) {
                JsonObject frame = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("doc.ack", frame.getString("type"), frame::toString);
                revisions.add(
                        frame.getJsonObject("data").getJsonNumber("revision").longValue());
            }
            assertEquals(java.util.stream.LongStream.rangeClosed(1, 12).boxed().toList(), List.copyOf(revisions));
            JsonObject state = read(doc, "");
            assertEquals(12, state.getJsonNumber("revision").longValue());
            for (int i = 0; i < 12; i++) {
                assertTrue(state.getString("content").contains("burst-" + i + " "), state::toString);
            }
        } finally {
            editors.forEach(Editor::close);
        }
    }

    /**
     * A section lock keeps others' edits out of its text (not out of the rest), moves with their edits, and
     * fences its holder once it expired; a document lock keeps everyone else out until released.
     */
    @Test
    void locksKeepOthersOutMoveWithEditsAndFenceTheirHolder() throws Exception {
        long doc = createDocument("Locked paper");
        try (Editor alice = new Editor(ws(), "alice", doc, 5).open()) {
            ok(alice.submitRaw("t", 0, "[\"Intro. Secret part. Outro.\"]"));
            JsonObject locked = alice.request(
                    "l1",
                    "doc.lock",
                    "{\"doc\":" + doc
                            + ",\"start\":7,\"end\":19,\"revision\":1,\"reason\":\"drafting\",\"seconds\":3}");
            assertEquals("doc.locked", locked.getString("type"), locked::toString);
            long section = locked.getJsonObject("data").getJsonNumber("id").longValue();
            try (Editor bob = new Editor(ws(), "bob", doc, 6).open()) {
                assertEquals(
                        "alice",
                        bob.request("o", "doc.open", "{\"doc\":" + doc + "}")
                                .getJsonObject("data")
                                .getJsonArray("locks")
                                .getJsonObject(0)
                                .getString("holder"));
                assertEquals("SECTION_LOCKED", code(bob.submitRaw("b1", 1, "[10, \"X\"]")));
                ok(bob.submitRaw("b2", 1, "[\"Hello \"]")); // before the section: it moves to [13, 25)
                ok(alice.request(
                        "a2",
                        "doc.op",
                        "{\"doc\":" + doc + ",\"baseRevision\":2,\"id\":\"a2\",\"lock\":" + section
                                + ",\"op\":[20, \"!\"]}"));
                assertEquals(
                        "SECTION_LOCKED",
                        code(bob.request("b3", "doc.lock", "{\"doc\":" + doc + "}")),
                        "the whole document overlaps alice's section");
                assertEquals("SECTION_LOCKED", code(bob.submitRaw("b4", 3, "[14, {\"d\": 2}]")));

                Thread.sleep(3_500);
                assertEquals(
                        "LOCK_EXPIRED",
                        code(alice.request(
                                "a3",
                                "doc.op",
                                "{\"doc\":" + doc + ",\"baseRevision\":3,\"id\":\"a3\",\"lock\":" + section
                                        + ",\"op\":[20, \"?\"]}")),
                        "an operation under an expired lock is refused");
                ok(bob.submitRaw("b5", 3, "[14, {\"d\": 2}]"));

                JsonObject whole = alice.request("l2", "doc.lock", "{\"doc\":" + doc + ",\"reason\":\"final pass\"}");
                assertEquals("doc.locked", whole.getString("type"), whole::toString);
                assertEquals("DOCUMENT_LOCKED", code(bob.submitRaw("b6", 4, "[\"x\"]")));
                long wholeLock = whole.getJsonObject("data").getJsonNumber("id").longValue();
                assertEquals(
                        "LOCK_NOT_FOUND",
                        code(bob.request("b7", "doc.unlock", "{\"doc\":" + doc + ",\"lock\":" + wholeLock + "}")),
                        "only its holder releases a lock");
                assertEquals(
                        "doc.unlocked",
                        alice.request("l3", "doc.unlock", "{\"doc\":" + doc + ",\"lock\":" + wholeLock + "}")
                                .getString("type"));
                ok(bob.submitRaw("b8", 4, "[\"x\"]"));
            }
            assertEquals("xHello Intro. Sret !part. Outro.", read(doc, "").getString("content"));
        }
    }

    /**
     * A lock that runs out is announced as expired; a holder who leaves (their connection gone beyond the
     * presence grace) lets go of their locks, announced as left, and the others edit again.
     */
    @Test
    void expiredLocksAreAnnouncedAndAHolderWhoLeavesLetsGo() throws Exception {
        long doc = createDocument("Departures");
        try (Editor bob = new Editor(ws(), "bob", doc, 8).open()) {
            Editor alice = new Editor(ws(), "alice", doc, 7).open();
            ok(alice.submitRaw("t", 0, "[\"Draft\"]"));
            long brief = alice.request("l1", "doc.lock", "{\"doc\":" + doc + ",\"seconds\":1}")
                    .getJsonObject("data")
                    .getJsonNumber("id")
                    .longValue();
            JsonObject expired = lockEvent(bob, "expired");
            assertEquals(
                    brief, expired.getJsonObject("lock").getJsonNumber("id").longValue());
            assertEquals("alice", expired.getJsonObject("lock").getString("holder"));

            long held = alice.request("l2", "doc.lock", "{\"doc\":" + doc + ",\"reason\":\"away\"}")
                    .getJsonObject("data")
                    .getJsonNumber("id")
                    .longValue();
            assertEquals("DOCUMENT_LOCKED", code(bob.submitRaw("b1", 1, "[\"x\"]")));
            alice.close();
            JsonObject left = lockEvent(bob, "left");
            assertEquals(held, left.getJsonObject("lock").getJsonNumber("id").longValue());
            ok(bob.submitRaw("b2", 1, "[\"x\"]"));
            assertEquals("xDraft", read(doc, "").getString("content"));
        }
    }

    /**
     * A client more than 1,000 revisions behind is told to open the document again instead of having its
     * operation transformed through them all; revisions past a snapshot read back from it.
     */
    @Test
    void aClientTooFarBehindIsToldToReload() throws Exception {
        long doc = createDocument("Long history");
        try (Editor alice = new Editor(ws(), "alice", doc, 10).open()) {
            for (int revision = 0; revision <= 1000; revision++) {
                ok(alice.submitRaw("r" + revision, revision, "[\"" + (char) ('a' + revision % 26) + "\"]"));
            }
            JsonObject refused = alice.submitRaw("late", 0, "[\"!\"]");
            assertEquals("TOO_FAR_BEHIND", code(refused));
            ok(alice.submitRaw("fresh", 1001, "[\"!\"]"));
            JsonObject reopened =
                    alice.request("o", "doc.open", "{\"doc\":" + doc + "}").getJsonObject("data");
            assertEquals(1002, reopened.getJsonNumber("revision").longValue());
            assertEquals(1002, reopened.getString("content").length());
            assertEquals(
                    reopened.getString("content"), read(doc, "/revisions/1002").getString("content"));
            assertEquals(
                    reopened.getString("content").substring(2),
                    read(doc, "/revisions/1000").getString("content"),
                    "revision 1000 is a snapshot; 1002 is it plus two operations");
        }
    }

    /** The next doc.lock announcement with the given event, skipping everything else. */
    private static JsonObject lockEvent(Editor editor, String event) {
        while (true) {
            JsonObject message = editor.next("message").getJsonObject("data");
            if (message.getString("type").equals("doc.lock")
                    && message.getJsonObject("data").getString("event").equals(event)) {
                return message.getJsonObject("data");
            }
        }
    }

    private static void ok(JsonObject answer) {
        assertEquals("doc.ack", answer.getString("type"), answer::toString);
    }

    private static String code(JsonObject answer) {
        assertEquals("error", answer.getString("type"), answer::toString);
        return answer.getJsonObject("data").getString("code");
    }

    /** A cursor (with its selection) travels through the document's room to the other editors, not back. */
    @Test
    void anEditorsCursorReachesTheOthers() throws Exception {
        long doc = createDocument("Minutes");
        try (Editor alice = new Editor(ws(), "alice", doc, 3).open();
                Editor bob = new Editor(ws(), "bob", doc, 4).open()) {
            alice.submitRaw("m1", 0, "[\"Present: the whole board\"]");
            alice.send("{\"type\":\"cursor\",\"data\":{\"room\":" + alice.room() + ",\"position\":{\"doc\":" + doc
                    + ",\"revision\":1,\"index\":9,\"anchor\":3}}}");
            JsonObject cursor = bob.next("cursor").getJsonObject("data");
            assertEquals("alice", cursor.getJsonObject("member").getString("id"));
            JsonObject position = cursor.getJsonObject("position");
            assertEquals(1, position.getInt("revision"));
            assertEquals(9, position.getInt("index"));
            assertEquals(3, position.getInt("anchor"));
        }
    }

    @Test
    void anOldRevisionReadsBackAndRestoresAsANewRevision() throws Exception {
        long doc = createDocument("Policy");
        try (Editor alice = new Editor(ws(), "alice", doc, 2).open()) {
            alice.submitRaw("a", 0, "[\"Conflicts of interest are declared.\"]");
            alice.submitRaw("b", 1, "[{\"d\": 9}, \"Nothing\"]");
        }
        assertEquals("Nothing of interest are declared.", read(doc, "").getString("content"));
        assertEquals(
                "Conflicts of interest are declared.", read(doc, "/revisions/1").getString("content"));
        assertEquals("", read(doc, "/revisions/0").getString("content"));
        HttpResponse<String> restored = post(api("documents/" + doc + "/restore"), ALICE, "{\"revision\":1}");
        assertEquals(200, restored.statusCode(), restored::body);
        assertEquals(3, json(restored.body()).getJsonNumber("revision").longValue());
        JsonObject now = read(doc, "");
        assertEquals("Conflicts of interest are declared.", now.getString("content"));
        assertEquals(3, now.getJsonNumber("revision").longValue());
        assertEquals(
                "Nothing of interest are declared.", read(doc, "/revisions/2").getString("content"));

        try (Editor alice = new Editor(ws(), "alice", doc, 9).open()) {
            ok(alice.submitRaw("x", 3, "[\"# Declarations\\n\\n<script>alert(1)</script>\\n\\n\"]"));
        }
        HttpResponse<String> markdown = exported(doc, "markdown");
        assertEquals(200, markdown.statusCode(), markdown::body);
        assertTrue(markdown.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        assertTrue(markdown.body().startsWith("# Declarations"), markdown::body);
        assertTrue(
                markdown.headers().firstValue("Content-Disposition").orElse("").contains("Policy%20r4.md"));
        HttpResponse<String> html = exported(doc, "html");
        assertEquals(200, html.statusCode(), html::body);
        assertTrue(html.body().contains("<h1>Declarations</h1>"), html::body);
        assertTrue(html.body().contains("&lt;script&gt;"), "raw HTML is shown as text: " + html.body());
        assertTrue(!html.body().contains("<script"), html::body);
        assertTrue(exported(doc, "html?revision=1").body().contains("Conflicts of interest are declared."));
        assertEquals(400, exported(doc, "pdf").statusCode());
        assertTrue(read(doc, "/preview").getString("html").contains("<h1>Declarations</h1>"));
    }

    private HttpResponse<String> exported(long doc, String format) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(api("documents/" + doc + "/export/" + format))
                        .header("Authorization", "Bearer " + ALICE)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
