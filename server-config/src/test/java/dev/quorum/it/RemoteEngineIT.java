package dev.quorum.it;

import static dev.quorum.it.MeetingSteps.meetingId;
import static dev.quorum.it.MeetingSteps.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remote engine against a stub OpenAI-compatible endpoint in the test JVM: used once an organization opts
 * in; failing or hanging, the local engine answers instead and the circuit opens (in metrics and health); the
 * stub back, the remote engine answers again.
 */
class RemoteEngineIT extends QuorumIT {

    @AfterEach
    void answerAgain() {
        AiStub.mode = AiStub.Mode.ANSWER;
    }

    private String kim;
    private long meeting;
    private int segments;

    private void organization() throws Exception {
        String slug = "remote-" + System.nanoTime();
        sql("INSERT INTO organization (slug, name) VALUES (?, ?)", slug, "Remote " + slug);
        sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT id, 'kim', 'Kim Chair' "
                        + "FROM organization WHERE slug = ?",
                slug);
        kim = Tokens.valid(slug, "kim", "member", "chair", "admin");
        HttpResponse<String> created = post(
                api("meetings"),
                kim,
                "{\"kind\":\"board\",\"title\":\"Remote\"," + "\"scheduledAt\":\"" + Instant.now()
                        + "\",\"participants\":[{\"member\":\"kim\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        meeting = meetingId(json(created.body()));
    }

    /** Says something; answers the engine that analysed it. */
    private String analysed(String text) throws Exception {
        String id = "s-" + (++segments);
        HttpResponse<String> said = call(
                "POST",
                "meetings/" + meeting + "/transcript",
                kim,
                "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}");
        assertEquals(201, said.statusCode(), said.body());
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            Object engine = sql(
                    "SELECT j.engine FROM analysis_job j JOIN transcript_segment s ON s.id = j.subject_id "
                            + "WHERE j.kind = 'segment' AND s.meeting_id = ? AND s.client_id = ? AND j.status = 'done'",
                    meeting,
                    id);
            if (engine != null) {
                return (String) engine;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not analysed: " + text);
    }

    private double circuitOpen() throws Exception {
        return get(serverRoot("/metrics?scope=application"))
                .body()
                .lines()
                .filter(line -> line.startsWith("quorum_analysis_remote_circuit_open"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no circuit metric"));
    }

    private String health() throws Exception {
        return get(serverRoot("/health/ready")).body();
    }

    @Test
    void theRemoteEngineIsUsedWhenChosenAndTheLocalOneAnswersWhenItFails() throws Exception {
        organization();
        assertEquals("local", analysed("We discussed the plan."), "local until the admin opts in");
        HttpResponse<String> chosen = call("PUT", "admin/analysis", kim, "{\"engine\":\"remote\"}");
        assertEquals(200, chosen.statusCode(), chosen.body());
        assertEquals("remote", json(chosen.body()).getString("engine"));
        assertEquals(
                400,
                call("PUT", "admin/analysis", kim, "{\"engine\":\"magic\"}").statusCode());

        assertEquals("remote", analysed("Remote check one."));
        assertEquals(
                1L,
                ((Number) sql(
                                "SELECT count(*) FROM analysis_result r JOIN transcript_segment s "
                                        + "ON s.id = r.segment_id WHERE s.meeting_id = ? AND r.kind = 'decision' AND r.text = ?",
                                meeting,
                                "Remote check one."))
                        .longValue(),
                "the remote engine's insight is stored");

        // failing: each job falls back to the local engine; after two jobs (four calls) the circuit opens
        AiStub.mode = AiStub.Mode.FAIL;
        assertEquals("local", analysed("Bob will send the budget by Friday."));
        assertEquals("local", analysed("The board approved the annual budget."));
        int requests = AiStub.REQUESTS.get();
        assertEquals("local", analysed("There is a real risk that we breach the covenants."));
        assertEquals(requests, AiStub.REQUESTS.get(), "an open circuit does not even call");
        assertEquals(1.0, circuitOpen());
        assertTrue(health().contains("\"circuit\":\"open\""), this::toString);

        // back: after the circuit's delay (3 s in the tests) a trial call closes it
        AiStub.mode = AiStub.Mode.ANSWER;
        Thread.sleep(3_500);
        assertEquals("remote", analysed("Remote check two."));
        assertEquals(0.0, circuitOpen());
        assertTrue(health().contains("\"circuit\":\"closed\""));

        // hanging: the call times out (2 s in the tests), is tried once more, and the local engine answers
        AiStub.mode = AiStub.Mode.HANG;
        long started = System.nanoTime();
        assertEquals("local", analysed("Remote check three."));
        assertTrue(System.nanoTime() - started < 15_000_000_000L, "a hanging model does not hold the job up for long");
        JsonObject view = json(call("GET", "admin/analysis", kim, null).body());
        assertEquals("failing", view.getJsonObject("circuit").getString("circuit"), view::toString);
    }
}
