package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.launcher.ClusterNode;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Analysis jobs survive a kill -9 of the node, and of the broker embedded in it, in the middle of their work:
 * whatever was in the outbox, on the broker or half done is done after the restart, each exactly once (one
 * result and one announcement per segment).
 */
class AnalysisDurabilityIT {

    private static final int SEGMENTS = 40;
    private static final String DAVE = Tokens.valid("acme", "dave", "member", "chair");

    /** Where this test's node runs: a directory and ports of its own, the tests' database. */
    private record NodePlace(Path work, String db, int http, int cluster, int broker) {

        static NodePlace fresh(String directory) throws java.io.IOException {
            return new NodePlace(
                    Path.of(System.getProperty("quorum.it.work"))
                            .toAbsolutePath()
                            .resolve(directory),
                    System.getProperty("quorum.it.dbUrl"),
                    TestEnvironment.freePort(),
                    TestEnvironment.freePort(),
                    TestEnvironment.freePort());
        }

        URI api() {
            return URI.create("http://localhost:" + http + "/quorum/api/");
        }

        ClusterNode start() throws Exception {
            return ClusterNode.start(work, "node", http, cluster, broker, "", db);
        }

        ClusterNode restartKeepingBroker() throws Exception {
            return ClusterNode.restartKeepingBroker(work, "node", http, cluster, broker, "", db);
        }
    }

    private static long count(String query, Object... parameters) throws Exception {
        return ((Number) MeetingSteps.sql(query, parameters)).longValue();
    }

    @Test
    void jobsInFlightWhenTheNodeAndItsBrokerAreKilledAreEachDoneOnce() throws Exception {
        SharedServer.stop(); // its outbox sweep would take this node's jobs
        NodePlace place = NodePlace.fresh("durability");
        URI api = place.api();
        long meeting;
        long room;
        long doneAtTheKill;
        try (ClusterNode node = place.start()) {
            node.awaitReady(Duration.ofMinutes(4));
            HttpResponse<String> created = QuorumIT.call(
                    api.resolve("meetings"),
                    "POST",
                    DAVE,
                    "{\"kind\":\"board\","
                            + "\"title\":\"Durable " + UUID.randomUUID() + "\",\"scheduledAt\":\"" + Instant.now()
                            + "\","
                            + "\"participants\":[{\"member\":\"alice\"},{\"member\":\"bob\"},{\"member\":\"dave\"}]}");
            assertEquals(201, created.statusCode(), created.body());
            var state =
                    Json.createReader(new java.io.StringReader(created.body())).readObject();
            meeting = MeetingSteps.meetingId(state);
            room = MeetingSteps.roomOf(state);
            for (int i = 0; i < SEGMENTS; i++) {
                HttpResponse<String> said = QuorumIT.call(
                        api.resolve("meetings/" + meeting + "/transcript"),
                        "POST",
                        DAVE,
                        "{\"id\":\"d-" + i + "\",\"text\":\"Item " + i + ": the board approved the budget and "
                                + "Bob will report back by Friday.\"}");
                assertEquals(201, said.statusCode(), said.body());
            }
            node.kill();
            doneAtTheKill =
                    count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting);
        }
        assertEquals(
                SEGMENTS,
                count("SELECT count(*) FROM analysis_job WHERE meeting_id = ?", meeting),
                "every stored segment has its job: the outbox is written with the segment");

        try (ClusterNode again = place.restartKeepingBroker()) {
            again.awaitReady(Duration.ofMinutes(4));
            Instant until = Instant.now().plusSeconds(120);
            while (count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting)
                            < SEGMENTS
                    && Instant.now().isBefore(until)) {
                Thread.sleep(500);
            }
        }
        System.out.println("AnalysisDurabilityIT: " + doneAtTheKill + " of " + SEGMENTS
                + " jobs were done when the node was killed");
        assertTrue(doneAtTheKill < SEGMENTS, "the kill came while jobs were in flight: " + doneAtTheKill);
        assertEquals(
                SEGMENTS, count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting));
        assertEquals(
                SEGMENTS,
                count("SELECT count(*) FROM analysis_result WHERE meeting_id = ? AND kind = 'sentiment'", meeting),
                "one result per job");
        assertEquals(
                SEGMENTS,
                count("SELECT count(*) FROM message WHERE room_id = ? AND type = 'analysis.sentiment'", room),
                "announced once per job");
    }

    /**
     * The node dies in the middle of a job's two-phase commit: the broker has prepared its part (the message's
     * consumption) and the database's commit has not happened. That message is in doubt, held by neither the
     * queue nor a consumer; unless the transaction manager resolves it at the restart, the job waits for the
     * outbox's lost-message sweep (15 minutes) and the broker's store keeps the transaction for ever. A
     * deferred trigger holds the job's commit for 15 s, long enough to kill the node inside it, and then fails it.
     */
    @Test
    void aJobWhoseCommitWasInDoubtWhenTheNodeDiedIsDoneAfterTheRestart() throws Exception {
        SharedServer.stop();
        NodePlace place = NodePlace.fresh("in-doubt");
        URI api = place.api();
        long meeting;
        long room;
        String trigger;
        try (ClusterNode node = place.start()) {
            node.awaitReady(Duration.ofMinutes(4));
            HttpResponse<String> created = QuorumIT.call(
                    api.resolve("meetings"),
                    "POST",
                    DAVE,
                    "{\"kind\":\"board\",\"title\":\"In doubt " + UUID.randomUUID() + "\",\"scheduledAt\":\""
                            + Instant.now() + "\",\"participants\":[{\"member\":\"dave\"}]}");
            assertEquals(201, created.statusCode(), created.body());
            var state =
                    Json.createReader(new java.io.StringReader(created.body())).readObject();
            meeting = MeetingSteps.meetingId(state);
            room = MeetingSteps.roomOf(state);
            trigger = "it_commit_dies_" + meeting;
            MeetingSteps.sql("CREATE OR REPLACE FUNCTION it_commit_dies() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN PERFORM pg_sleep(15); RAISE EXCEPTION 'this commit is failed by a test'; END $$");
            MeetingSteps.sql("CREATE CONSTRAINT TRIGGER " + trigger + " AFTER UPDATE ON analysis_job DEFERRABLE "
                    + "INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'done' AND NEW.meeting_id = " + meeting
                    + ") EXECUTE FUNCTION it_commit_dies()");
            HttpResponse<String> said = QuorumIT.call(
                    api.resolve("meetings/" + meeting + "/transcript"),
                    "POST",
                    DAVE,
                    "{\"id\":\"doubt\",\"text\":\"The board approved the budget.\"}");
            assertEquals(201, said.statusCode(), said.body());
            Instant until = Instant.now().plusSeconds(60);
            while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == 0
                    && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            assertEquals(
                    1,
                    count("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"),
                    "the job's commit is held");
            node.kill();
        }
        MeetingSteps.sql("DROP TRIGGER " + trigger + " ON analysis_job"); // waits for the held commit to fail
        assertEquals(
                0,
                count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting),
                "the job's commit failed after the node died");

        try (ClusterNode again = place.restartKeepingBroker()) {
            again.awaitReady(Duration.ofMinutes(4));
            Instant until = Instant.now().plusSeconds(90);
            while (count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting) == 0
                    && Instant.now().isBefore(until)) {
                Thread.sleep(500);
            }
        }
        assertEquals(
                1,
                count("SELECT count(*) FROM analysis_job WHERE meeting_id = ? AND status = 'done'", meeting),
                "the job in doubt is done after the restart, not 15 minutes later");
        assertEquals(
                1, count("SELECT count(*) FROM analysis_result WHERE meeting_id = ? AND kind = 'sentiment'", meeting));
        assertEquals(1, count("SELECT count(*) FROM message WHERE room_id = ? AND type = 'analysis.sentiment'", room));
    }
}
