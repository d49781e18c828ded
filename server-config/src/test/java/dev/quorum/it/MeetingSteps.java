package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The steps of a meeting over the protocol, shared by the tests on Payara Micro, on a cluster and on
 * Payara Server. Nothing here needs the development key, so the EAR's tests use it too.
 */
final class MeetingSteps {

    private MeetingSteps() {}

    static long meetingId(JsonObject state) {
        return state.getJsonObject("meeting").getJsonNumber("id").longValue();
    }

    static long roomOf(JsonObject state) {
        return state.getJsonObject("meeting").getJsonNumber("room").longValue();
    }

    /** Sends a command and answers the frame that replies to it (an answer or an error). */
    static JsonObject command(QuorumClient client, String type, String data) {
        String id = UUID.randomUUID().toString();
        client.send("{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"data\":" + data + "}");
        while (true) {
            JsonObject frame = client.next();
            if (id.equals(frame.getString("replyTo", null))) {
                return frame;
            }
        }
    }

    static JsonObject ok(JsonObject frame) {
        assertFalse("error".equals(frame.getString("type")), () -> "refused: " + frame);
        return frame.getJsonObject("data");
    }

    static void refused(JsonObject frame, String code) {
        assertEquals("error", frame.getString("type"), frame::toString);
        assertEquals(code, frame.getJsonObject("data").getString("code"), frame::toString);
    }

    /** The next room message of a type that satisfies the condition, skipping everything else. */
    static JsonObject event(QuorumClient client, String type, Predicate<JsonObject> condition) {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            JsonObject frame = client.next();
            if ("message".equals(frame.getString("type"))) {
                JsonObject message = frame.getJsonObject("data");
                if (type.equals(message.getString("type")) && condition.test(message.getJsonObject("data"))) {
                    return message;
                }
            }
        }
        throw new AssertionError("no " + type + " event");
    }

    /** The meeting's chair opens the meeting: votes may open from now. */
    static JsonObject start(QuorumClient chair, long meeting) {
        return ok(command(chair, "meeting.start", "{\"meeting\":" + meeting + "}"));
    }

    /** The text of a PDF, as PDFBox reads it. */
    static String pdfText(byte[] pdf) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
    }

    static long propose(QuorumClient proposer, long meeting, String extra) {
        return ok(command(
                        proposer,
                        "motion.propose",
                        "{\"meeting\":" + meeting + ",\"title\":\"Approve the accounts\"" + extra + "}"))
                .getJsonNumber("id")
                .longValue();
    }

    static JsonObject vote(QuorumClient voter, long motion, String choice) {
        return command(voter, "vote", "{\"motion\":" + motion + ",\"choice\":\"" + choice + "\"}");
    }

    static JsonObject motionIn(JsonObject state, long motion) {
        return state.getJsonArray("motions").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(m -> m.getJsonObject("motion").getJsonNumber("id").longValue() == motion)
                .findFirst()
                .orElseThrow();
    }

    static int votesFor(JsonObject tally, String option) {
        return tally.getJsonArray("results").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(r -> r.getString("option").equals(option))
                .mapToInt(r -> r.getInt("votes"))
                .sum();
    }

    static Object sql(String query, Object... parameters) throws Exception {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        System.getProperty("quorum.it.dbUrl"), System.getProperty("quorum.it.dbUser"), "");
                java.sql.PreparedStatement statement = db.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (!statement.execute()) {
                return statement.getUpdateCount();
            }
            try (java.sql.ResultSet rows = statement.getResultSet()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        }
    }
}
