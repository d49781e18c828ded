package dev.quorum.it;

import static dev.quorum.it.MeetingSteps.command;
import static dev.quorum.it.MeetingSteps.event;
import static dev.quorum.it.MeetingSteps.meetingId;
import static dev.quorum.it.MeetingSteps.ok;
import static dev.quorum.it.MeetingSteps.refused;
import static dev.quorum.it.MeetingSteps.roomOf;
import static dev.quorum.it.MeetingSteps.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transcripts and their AI analysis with the real broker: a segment from the meeting page is stored once,
 * streamed to the meeting's room and searchable; its analysis job goes through the outbox and the broker to
 * the message-driven bean, whose insights and sentiment arrive as messages; summaries on request; a message
 * that is not a job ends in the dead-letter queue, a repeated job changes nothing, and a job left in the
 * outbox by a node that died is sent by another. The remote engine is used once an organization opts in; failing
 * or hanging, the local engine answers instead and the circuit opens (in metrics and health).
 */
class TranscriptAnalysisIT extends QuorumIT {

    static final String DAVE = Tokens.valid("acme", "dave", "member", "chair");
    static final String CAROL = Tokens.valid("acme", "carol", "member", "secretary");
    static final String ALICE = Tokens.valid("acme", "alice", "member");
    static final String BOB = Tokens.valid("acme", "bob", "member");

    private JsonObject boardMeeting() throws Exception {
        String body = "{\"kind\":\"board\",\"title\":\"Transcribed " + UUID.randomUUID() + "\",\"scheduledAt\":\""
                + Instant.now() + "\",\"participants\":[{\"member\":\"alice\"},{\"member\":\"bob\"},"
                + "{\"member\":\"dave\"}],\"agenda\":[\"Budget\",\"Risks\"]}";
        HttpResponse<String> created = post(api("meetings"), DAVE, body);
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body());
    }

    private static JsonArray array(String text) {
        return Json.createReader(new StringReader(text)).readArray();
    }

    private static long count(String query, Object... parameters) throws Exception {
        return ((Number) sql(query, parameters)).longValue();
    }

    @Test
    void aSegmentIsStoredOnceStreamedAnalysedAndSearchable() throws Exception {
        JsonObject state = boardMeeting();
        long meeting = meetingId(state);
        long room = roomOf(state);
        try (QuorumClient alice = attendee(ALICE, room);
                QuorumClient bob = attendee(BOB, room)) {
            String segment = "{\"meeting\":" + meeting + ",\"id\":\"seg-1\",\"source\":\"speech\",\"confidence\":0.92,"
                    + "\"text\":\"Bob will send the revised budget to the board by Friday.\"}";
            JsonObject stored = ok(command(alice, "transcript.submit", segment));
            assertEquals(false, stored.getBoolean("repeated"));
            long segmentId = stored.getJsonObject("segment").getJsonNumber("id").longValue();
            assertEquals("Alice Archer", stored.getJsonObject("segment").getString("speakerName"));

            JsonObject streamed =
                    event(bob, "transcript", data -> data.getJsonNumber("id").longValue() == segmentId);
            assertEquals(
                    "Bob will send the revised budget to the board by Friday.",
                    streamed.getJsonObject("data").getString("text"));
            assertEquals("speech", streamed.getJsonObject("data").getString("source"));

            // the analysis arrives in the room: an action item owned by Bob, due on the coming Friday
            JsonObject insight = event(
                            bob,
                            "analysis.insight",
                            data -> data.getJsonNumber("segment").longValue() == segmentId)
                    .getJsonObject("data");
            assertEquals("action_item", insight.getString("kind"), insight::toString);
            assertEquals("Bob Baker", insight.getString("owner"), insight::toString);
            LocalDate said = LocalDate.ofInstant(
                    Instant.parse(stored.getJsonObject("segment").getString("startedAt")), ZoneOffset.UTC);
            assertEquals(said.with(TemporalAdjusters.next(DayOfWeek.FRIDAY)).toString(), insight.getString("dueOn"));
            JsonObject status = event(bob, "analysis.status", data -> "done".equals(data.getString("status")))
                    .getJsonObject("data");
            assertEquals("local", status.getString("engine"));

            // sent again (a reconnecting page): the stored segment answers, nothing new is stored or analysed
            JsonObject again = ok(command(alice, "transcript.submit", segment));
            assertEquals(true, again.getBoolean("repeated"));
            assertEquals(
                    segmentId,
                    again.getJsonObject("segment").getJsonNumber("id").longValue());
            assertEquals(1, count("SELECT count(*) FROM transcript_segment WHERE meeting_id = ?", meeting));
            assertEquals(1, count("SELECT count(*) FROM analysis_job WHERE meeting_id = ?", meeting));

            // a negative remark by the chair over REST, attributed by the secretary to bob
            HttpResponse<String> rest = call(
                    "POST",
                    "meetings/" + meeting + "/transcript",
                    CAROL,
                    "{\"id\":\"seg-2\",\"speaker\":\"bob\",\"text\":\"I am deeply concerned that costs are out of "
                            + "control. What is the impact on next year's cash flow?\"}");
            assertEquals(201, rest.statusCode(), rest.body());
            assertEquals("rest", json(rest.body()).getString("source"));
            assertEquals("Bob Baker", json(rest.body()).getString("speakerName"));
            JsonObject sentiment = event(
                            alice, "analysis.sentiment", data -> "Bob Baker".equals(data.getString("speaker")))
                    .getJsonObject("data");
            assertEquals("negative", sentiment.getString("label"), sentiment::toString);
            assertTrue(sentiment.getJsonNumber("speakerTrend").doubleValue() < 0, sentiment::toString);
            event(alice, "analysis.insight", data -> "question".equals(data.getString("kind")));

            // only an organizer may put words in someone else's mouth; only participants may speak
            assertEquals(
                    403,
                    call(
                                    "POST",
                                    "meetings/" + meeting + "/transcript",
                                    ALICE,
                                    "{\"id\":\"seg-3\",\"speaker\":\"bob\",\"text\":\"Not my words\"}")
                            .statusCode());
            refused(
                    command(alice, "transcript.submit", "{\"meeting\":" + meeting + ",\"id\":\"x\",\"text\":\"\"}"),
                    "INVALID_MESSAGE");
            refused(
                    command(
                            alice,
                            "transcript.submit",
                            "{\"meeting\":" + meeting + ",\"id\":\"x\",\"text\":\"t\",\"confidence\":3}"),
                    "INVALID_MESSAGE");

            // searchable: every word, any case
            assertEquals(
                    1,
                    array(call("GET", "meetings/" + meeting + "/transcript?q=REVISED%20budget", BOB, null)
                                    .body())
                            .size());
            assertEquals(
                    0,
                    array(call("GET", "meetings/" + meeting + "/transcript?q=budget%20dividend", BOB, null)
                                    .body())
                            .size());
            assertEquals(
                    2,
                    array(call("GET", "meetings/" + meeting + "/transcript", BOB, null)
                                    .body())
                            .size());
            assertEquals(
                    404,
                    call(
                                    "GET",
                                    "meetings/" + meeting + "/transcript",
                                    Tokens.valid("globex", "hank", "member", "chair"),
                                    null)
                            .statusCode());

            // what bob said is part of his data (GDPR access)
            JsonObject bobsData = json(call("GET", "me/data", BOB, null).body());
            assertTrue(
                    bobsData.getJsonArray("transcriptSegments").stream()
                            .anyMatch(v -> v.asJsonObject().getString("text").contains("costs are out of control")),
                    bobsData::toString);

            // the meeting's analysis over REST, and a summary on request
            JsonObject analysis = json(
                    call("GET", "meetings/" + meeting + "/analysis", BOB, null).body());
            assertEquals(2, analysis.getJsonObject("jobs").getInt("done"), analysis::toString);
            assertTrue(analysis.getJsonArray("insights").size() >= 2, analysis::toString);
            assertEquals(
                    403,
                    call("POST", "meetings/" + meeting + "/analysis/summaries", ALICE, "{}")
                            .statusCode());
            HttpResponse<String> requested = call("POST", "meetings/" + meeting + "/analysis/summaries", CAROL, "{}");
            assertEquals(202, requested.statusCode(), requested.body());
            JsonObject summary = event(alice, "analysis.summary", data -> "meeting".equals(data.getString("scope")))
                    .getJsonObject("data");
            assertEquals(2, summary.getInt("segments"));
            assertTrue(
                    summary.getString("text").contains("Bob Baker:")
                            || summary.getString("text").contains("Alice Archer:"),
                    summary::toString);
        }
    }

    @Test
    void aRepeatedJobChangesNothingAndAPoisonMessageIsDeadLettered() throws Exception {
        JsonObject state = boardMeeting();
        long meeting = meetingId(state);
        HttpResponse<String> rest = call(
                "POST",
                "meetings/" + meeting + "/transcript",
                DAVE,
                "{\"id\":\"r-1\",\"text\":\"The board approved the annual budget.\"}");
        assertEquals(201, rest.statusCode(), rest.body());
        long job = waitForDone(meeting);
        long results = count("SELECT count(*) FROM analysis_result WHERE job_id = ?", job);
        long messages =
                count("SELECT count(*) FROM message WHERE room_id = ? AND type LIKE 'analysis.%'", roomOf(state));

        String poison = "not a job " + UUID.randomUUID();
        try (Connection connection = new ActiveMQConnectionFactory(
                        "quorum", "quorum", System.getProperty("quorum.it.brokerUrl"))
                .createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("quorum.analysis"));
            // the same job again, as a broker would redeliver it
            producer.send(session.createTextMessage("{\"schema\":1,\"job\":" + job + ",\"organization\":1,\"meeting\":"
                    + meeting + ",\"kind\":\"segment\",\"subject\":0}"));
            producer.send(session.createTextMessage(poison));
            Message dead = null;
            Instant until = Instant.now().plusSeconds(40);
            while (dead == null && Instant.now().isBefore(until)) {
                QueueBrowser browser = session.createBrowser(session.createQueue("ActiveMQ.DLQ"));
                java.util.Enumeration<?> browsed = browser.getEnumeration();
                while (browsed.hasMoreElements()) {
                    if (browsed.nextElement() instanceof TextMessage text && poison.equals(text.getText())) {
                        dead = text;
                    }
                }
                browser.close();
                Thread.sleep(500);
            }
            assertNotNull(dead, "the poison message reached the dead-letter queue");
            String cause = dead.getStringProperty("dlqDeliveryFailureCause");
            assertNotNull(cause, "the dead letter says why");
            assertTrue(cause.startsWith("Not an analysis job"), cause);
        }
        assertEquals(results, count("SELECT count(*) FROM analysis_result WHERE job_id = ?", job));
        assertEquals(
                messages,
                count("SELECT count(*) FROM message WHERE room_id = ? AND type LIKE 'analysis.%'", roomOf(state)));
    }

    @Test
    void aJobLeftInTheOutboxByANodeThatDiedIsSent() throws Exception {
        JsonObject state = boardMeeting();
        long meeting = meetingId(state);
        assertEquals(
                201,
                call(
                                "POST",
                                "meetings/" + meeting + "/transcript",
                                DAVE,
                                "{\"id\":\"o-1\",\"text\":\"There is a real risk that we breach the loan covenants.\"}")
                        .statusCode());
        waitForDone(meeting);
        // a summary job claimed a minute ago by a node that then died, and one never relayed
        sql(
                "INSERT INTO analysis_job (organization_id, meeting_id, kind, subject_id, status, relayed_at) "
                        + "SELECT organization_id, id, 'meeting', id, 'relaying', now() - interval '1 minute' FROM meeting WHERE id = ?",
                meeting);
        sql(
                "INSERT INTO analysis_job (organization_id, meeting_id, kind, subject_id) "
                        + "SELECT organization_id, id, 'meeting', id FROM meeting WHERE id = ?",
                meeting);
        Instant until = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting) < 3
                && Instant.now().isBefore(until)) {
            Thread.sleep(250);
        }
        assertEquals(3, count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting));
        assertEquals(
                2, count("SELECT count(*) FROM analysis_result WHERE meeting_id = ? AND kind = 'summary'", meeting));
    }

    @Test
    void aConfidentialMeetingsTranscriptAndAnalysisAreSealedAndSealedAgainOnRotation() throws Exception {
        String slug = "minutes-" + System.nanoTime();
        sql("INSERT INTO organization (slug, name) VALUES (?, ?)", slug, "Minutes " + slug);
        sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT id, 'kim', 'Kim Chair' "
                        + "FROM organization WHERE slug = ?",
                slug);
        sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT id, 'lee', 'Lee Director' "
                        + "FROM organization WHERE slug = ?",
                slug);
        String kim = Tokens.valid(slug, "kim", "member", "chair", "admin");
        HttpResponse<String> created = post(
                api("meetings"),
                kim,
                "{\"kind\":\"board\",\"title\":\"Sealed\","
                        + "\"scheduledAt\":\"" + Instant.now() + "\",\"participants\":[{\"member\":\"kim\"},"
                        + "{\"member\":\"lee\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        long meeting = meetingId(json(created.body()));
        long room = roomOf(json(created.body()));
        assertEquals(
                204,
                call("PUT", "admin/rooms/" + room + "/confidential", kim, "{\"confidential\":true}")
                        .statusCode());
        String words = "Lee will brief the auditors on Project Nightingale by Friday.";
        assertEquals(
                201,
                call("POST", "meetings/" + meeting + "/transcript", kim, "{\"id\":\"c-1\",\"text\":\"" + words + "\"}")
                        .statusCode());
        waitForDone(meeting);
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM transcript_segment WHERE meeting_id = ? AND text NOT LIKE 'sealed:%'",
                        meeting),
                "the segment is stored sealed");
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM analysis_result WHERE meeting_id = ? AND text IS NOT NULL "
                                + "AND text NOT LIKE 'sealed:%'",
                        meeting),
                "so are the insights");
        assertEquals(0, count("SELECT count(*) FROM transcript_segment WHERE text LIKE '%Nightingale%'"));
        assertEquals(
                words,
                array(call("GET", "meetings/" + meeting + "/transcript?q=nightingale", kim, null)
                                .body())
                        .getJsonObject(0)
                        .getString("text"),
                "readers get it opened, and search finds it");
        JsonObject insight = json(call("GET", "meetings/" + meeting + "/analysis", kim, null)
                        .body())
                .getJsonArray("insights")
                .getJsonObject(0);
        assertEquals(words, insight.getString("text"));
        assertEquals("Lee Director", insight.getString("owner"));

        HttpResponse<String> rotated = call("POST", "admin/encryption/rotate", kim, null);
        assertEquals(200, rotated.statusCode(), rotated.body());
        JsonObject status = json(rotated.body());
        for (int i = 0; i < 100 && status.getBoolean("retiring"); i++) {
            Thread.sleep(300);
            status = json(call("GET", "admin/encryption", kim, null).body());
        }
        int primary = status.getInt("primaryKeyId");
        assertEquals(false, status.getBoolean("retiring"), status::toString);
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM transcript_segment WHERE meeting_id = ? AND "
                                + "split_part(text, ':', 2)::int = ?",
                        meeting,
                        primary),
                "sealed again under the new key");
        assertEquals(
                words,
                array(call("GET", "meetings/" + meeting + "/transcript", kim, null)
                                .body())
                        .getJsonObject(0)
                        .getString("text"),
                "still opens after the older key is gone");
    }

    private static long waitForDone(long meeting) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            Object job = sql("SELECT id FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting);
            if (job != null) {
                return ((Number) job).longValue();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the job was not done");
    }

    // ---- the remote engine, against a stub OpenAI-compatible endpoint in the test JVM (AiStub) ----

    @AfterEach
    void answerAgain() {
        AiStub.mode = AiStub.Mode.ANSWER;
    }

    private String remoteKim;
    private long remoteMeeting;
    private int remoteSegments;

    private void remoteOrganization() throws Exception {
        String slug = "remote-" + System.nanoTime();
        sql("INSERT INTO organization (slug, name) VALUES (?, ?)", slug, "Remote " + slug);
        sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT id, 'kim', 'Kim Chair' "
                        + "FROM organization WHERE slug = ?",
                slug);
        remoteKim = Tokens.valid(slug, "kim", "member", "chair", "admin");
        HttpResponse<String> created = post(
                api("meetings"),
                remoteKim,
                "{\"kind\":\"board\",\"title\":\"Remote\"," + "\"scheduledAt\":\"" + Instant.now()
                        + "\",\"participants\":[{\"member\":\"kim\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        remoteMeeting = meetingId(json(created.body()));
    }

    /** Says something; answers the engine that analysed it. */
    private String analysed(String text) throws Exception {
        String id = "s-" + (++remoteSegments);
        HttpResponse<String> said = call(
                "POST",
                "meetings/" + remoteMeeting + "/transcript",
                remoteKim,
                "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}");
        assertEquals(201, said.statusCode(), said.body());
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            Object engine = sql(
                    "SELECT j.engine FROM analysis_job j JOIN transcript_segment s ON s.id = j.subject_id "
                            + "WHERE j.kind = 'segment' AND s.meeting_id = ? AND s.client_id = ? AND j.status = 'done'",
                    remoteMeeting,
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
        remoteOrganization();
        assertEquals("local", analysed("We discussed the plan."), "local until the admin opts in");
        HttpResponse<String> chosen = call("PUT", "admin/analysis", remoteKim, "{\"engine\":\"remote\"}");
        assertEquals(200, chosen.statusCode(), chosen.body());
        assertEquals("remote", json(chosen.body()).getString("engine"));
        assertEquals(
                400,
                call("PUT", "admin/analysis", remoteKim, "{\"engine\":\"magic\"}")
                        .statusCode());

        assertEquals("remote", analysed("Remote check one."));
        assertEquals(
                1L,
                ((Number) sql(
                                "SELECT count(*) FROM analysis_result r JOIN transcript_segment s "
                                        + "ON s.id = r.segment_id WHERE s.meeting_id = ? AND r.kind = 'decision' AND r.text = ?",
                                remoteMeeting,
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
        JsonObject view = json(call("GET", "admin/analysis", remoteKim, null).body());
        assertEquals("failing", view.getJsonObject("circuit").getString("circuit"), view::toString);
    }
}
