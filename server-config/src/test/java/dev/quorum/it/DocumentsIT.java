package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
            int[] reconnectAt = {80, 200, 320};
            for (int step = 0; step < 400; step++) {
                Editor editor = editors.get(random.nextInt(editors.size()));
                if (random.nextInt(3) == 0) {
                    editor.receive();
                } else {
                    editor.edit();
                }
                for (int i = 0; i < editors.size(); i++) {
                    if (step == reconnectAt[i]) {
                        editors.get(i).reconnect();
                    }
                }
                // typing speed: a round trip is shorter than most pauses, so operations cross in flight
                Thread.sleep(random.nextInt(15));
            }
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < until && !editors.stream().allMatch(Editor::settled)) {
                for (Editor editor : editors) {
                    editor.receive(Duration.ofMillis(20));
                }
            }
            for (Editor editor : editors) {
                editor.assertNoFailures();
                assertTrue(editor.settled(), "every edit was committed");
            }
            JsonObject server = read(doc, "");
            long head = server.getJsonNumber("revision").longValue();
            for (Editor editor : editors) {
                while (editor.revision < head && editor.receive(Duration.ofSeconds(5))) {
                    // the last operations are on their way
                }
                assertEquals(head, editor.revision);
                assertEquals(server.getString("content"), editor.text, "an editor's text differs from the server's");
            }
            assertEquals(
                    server.getString("content"),
                    read(doc, "/revisions/" + head).getString("content"),
                    "the committed log replayed gives the same text");
            int crossings = editors.stream().mapToInt(e -> e.crossings).sum();
            System.out.printf(
                    "DocumentsIT: %d revisions, %d characters, %d operations transformed against one in flight%n",
                    head, server.getString("content").length(), crossings);
            assertTrue(
                    crossings >= 10, "operations crossed in flight often enough to test transformation: " + crossings);
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
    }
}
