package dev.quorum.it;

import static dev.quorum.it.MeetingSteps.command;
import static dev.quorum.it.MeetingSteps.event;
import static dev.quorum.it.MeetingSteps.ok;
import static dev.quorum.it.MeetingSteps.propose;
import static dev.quorum.it.MeetingSteps.refused;
import static dev.quorum.it.MeetingSteps.sql;
import static dev.quorum.it.MeetingSteps.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One transaction per command: a change, its audit record and its room announcement commit together or
 * not at all, and nothing reaches a socket before the commit. Failures are injected from outside, with
 * PostgreSQL triggers, at the point where each would hurt most.
 */
class TransactionsIT extends QuorumIT {

    /** A board meeting of alice and dave (the chair), both checked in, dave following its room. */
    private record Meeting(long id, long room, QuorumClient alice, QuorumClient dave) implements AutoCloseable {
        @Override
        public void close() {
            alice.close();
            dave.close();
        }
    }

    private Meeting boardMeeting() throws Exception {
        String body = "{\"kind\":\"board\",\"title\":\"Transactions " + UUID.randomUUID() + "\",\"scheduledAt\":\""
                + Instant.now() + "\",\"participants\":[{\"member\":\"alice\"},{\"member\":\"dave\"}]}";
        HttpResponse<String> created = post(api("meetings"), MeetingIT.DAVE, body);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject state = json(created.body());
        long id = MeetingSteps.meetingId(state);
        long room = MeetingSteps.roomOf(state);
        QuorumClient alice = attendee(MeetingIT.member("alice"), room);
        QuorumClient dave = attendee(MeetingIT.DAVE, room);
        ok(command(alice, "meeting.checkin", "{\"meeting\":" + id + "}"));
        ok(command(dave, "meeting.checkin", "{\"meeting\":" + id + "}"));
        MeetingSteps.start(dave, id);
        return new Meeting(id, room, alice, dave);
    }

    private static long openMotion(Meeting meeting, String extra) {
        long motion = propose(meeting.alice(), meeting.id(), extra);
        ok(command(meeting.dave(), "motion.second", "{\"motion\":" + motion + "}"));
        ok(command(meeting.dave(), "motion.open", "{\"motion\":" + motion + "}"));
        return motion;
    }

    private static long lastSequence(long room) throws Exception {
        return ((Number) sql("SELECT last_sequence FROM room WHERE id = ?", room)).longValue();
    }

    private static long count(String query, Object... parameters) throws Exception {
        return ((Number) sql(query, parameters)).longValue();
    }

    /** The room messages among the frames, in arrival order. */
    private static List<JsonObject> roomMessages(List<JsonObject> frames, long room) {
        return frames.stream()
                .filter(f -> "message".equals(f.getString("type")))
                .map(f -> f.getJsonObject("data"))
                .filter(m -> m.getJsonNumber("room").longValue() == room)
                .toList();
    }

    @Test
    void aVoteWhoseAuditRecordFailsIsNotRecordedAndNotAnnounced() throws Exception {
        try (Meeting meeting = boardMeeting()) {
            long motion = openMotion(meeting, "");
            meeting.dave().drain(Duration.ofMillis(500));
            long before = lastSequence(meeting.room());
            sql("CREATE OR REPLACE FUNCTION it_refuse_vote_audit() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.target = 'motion:" + motion + "' AND NEW.action LIKE 'vote.%' THEN "
                    + "RAISE EXCEPTION 'injected audit failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            sql("CREATE TRIGGER it_refuse_vote_audit BEFORE INSERT ON audit_event FOR EACH ROW "
                    + "EXECUTE FUNCTION it_refuse_vote_audit()");
            try {
                JsonObject answer = vote(meeting.alice(), motion, "for");
                assertEquals("error", answer.getString("type"), "the vote cannot be recorded: " + answer);
                assertEquals(
                        0, count("SELECT count(*) FROM vote WHERE motion_id = ?", motion), "no vote without audit");
                assertEquals(
                        0,
                        count(
                                "SELECT count(*) FROM audit_event WHERE target = ? AND action LIKE 'vote.%'",
                                "motion:" + motion));
                assertEquals(before, lastSequence(meeting.room()), "nothing appended to the room");
                assertEquals(
                        List.of(),
                        roomMessages(meeting.dave().drain(Duration.ofMillis(1500)), meeting.room()),
                        "nobody hears of a vote that was not recorded");
            } finally {
                sql("DROP TRIGGER it_refuse_vote_audit ON audit_event");
                sql("DROP FUNCTION it_refuse_vote_audit()");
            }
            ok(vote(meeting.alice(), motion, "for"));
            assertEquals(1, count("SELECT count(*) FROM vote WHERE motion_id = ?", motion));
            assertEquals(
                    1,
                    count(
                            "SELECT count(*) FROM audit_event WHERE target = ? AND action = 'vote.in_person'",
                            "motion:" + motion));
            JsonObject tally = event(meeting.dave(), "motion.tally", data -> true);
            assertEquals(before + 1, tally.getJsonNumber("seq").longValue(), "the tally takes the next sequence");
        }
    }

    @Test
    void aCommandThatFailsAtCommitSendsNothingAndTheNextMessageTakesItsSequence() throws Exception {
        try (Meeting meeting = boardMeeting()) {
            meeting.dave().drain(Duration.ofMillis(500));
            long before = lastSequence(meeting.room());
            // a deferred constraint trigger fails the commit itself, after the announcement was appended
            sql("CREATE OR REPLACE FUNCTION it_refuse_at_commit() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.room_id = " + meeting.room() + " AND NEW.type = 'motion.changed' THEN "
                    + "RAISE EXCEPTION 'injected commit failure'; END IF; RETURN NULL; END $$ LANGUAGE plpgsql");
            sql("CREATE CONSTRAINT TRIGGER it_refuse_at_commit AFTER INSERT ON message DEFERRABLE INITIALLY DEFERRED "
                    + "FOR EACH ROW EXECUTE FUNCTION it_refuse_at_commit()");
            try {
                JsonObject answer = command(
                        meeting.alice(),
                        "motion.propose",
                        "{\"meeting\":" + meeting.id() + ",\"title\":\"Rolled back at commit\"}");
                assertEquals("error", answer.getString("type"), answer::toString);
                assertEquals(
                        0,
                        count(
                                "SELECT count(*) FROM motion WHERE meeting_id = ? AND title = 'Rolled back at commit'",
                                meeting.id()));
                assertEquals(before, lastSequence(meeting.room()));
                assertEquals(
                        List.of(),
                        roomMessages(meeting.dave().drain(Duration.ofMillis(1500)), meeting.room()),
                        "a rolled-back command leaves no frame");
            } finally {
                sql("DROP TRIGGER it_refuse_at_commit ON message");
                sql("DROP FUNCTION it_refuse_at_commit()");
            }
            propose(meeting.alice(), meeting.id(), "");
            JsonObject proposed = event(meeting.dave(), "motion.changed", data -> true);
            assertEquals(
                    before + 1,
                    proposed.getJsonNumber("seq").longValue(),
                    "the sequence of the rolled-back message was never seen, so its reuse is no duplicate");
        }
    }

    @Test
    void aFailingDeadlineCloseLeavesTheOthersClosedAndTheRoomGapless() throws Exception {
        try (Meeting meeting = boardMeeting()) {
            List<Long> motions = new ArrayList<>();
            long failing = -1;
            for (int i = 0; i < 3; i++) {
                long motion = propose(meeting.alice(), meeting.id(), ",\"votingSeconds\":2");
                ok(command(meeting.dave(), "motion.second", "{\"motion\":" + motion + "}"));
                motions.add(motion);
                if (i == 1) {
                    failing = motion;
                    sql("CREATE OR REPLACE FUNCTION it_refuse_minute() RETURNS trigger AS $$ BEGIN "
                            + "IF NEW.motion_id = " + motion + " THEN RAISE EXCEPTION 'injected close failure'; "
                            + "END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
                    sql("CREATE TRIGGER it_refuse_minute BEFORE INSERT ON decision_minute FOR EACH ROW "
                            + "EXECUTE FUNCTION it_refuse_minute()");
                }
            }
            List<JsonObject> seen = new ArrayList<>();
            long lastAfterOpening;
            try {
                for (long motion : motions) {
                    ok(command(meeting.dave(), "motion.open", "{\"motion\":" + motion + "}"));
                }
                // from here on only the closes come (2 s later): every one must be seen, in order, once
                lastAfterOpening = lastSequence(meeting.room());
                Set<Long> closed = new HashSet<>();
                Instant until = Instant.now().plusSeconds(20);
                while (closed.size() < 2 && Instant.now().isBefore(until)) {
                    for (JsonObject message :
                            roomMessages(meeting.dave().drain(Duration.ofMillis(500)), meeting.room())) {
                        seen.add(message);
                        if ("motion.closed".equals(message.getString("type"))) {
                            closed.add(message.getJsonObject("data")
                                    .getJsonObject("motion")
                                    .getJsonNumber("id")
                                    .longValue());
                        }
                    }
                }
                assertEquals(
                        Set.of(motions.get(0), motions.get(2)), closed, "the other motions closed at their deadline");
                Thread.sleep(1500);
                assertEquals("open", sql("SELECT status FROM motion WHERE id = ?", failing), "its close rolled back");
                seen.addAll(roomMessages(meeting.dave().drain(Duration.ofMillis(300)), meeting.room()));
            } finally {
                sql("DROP TRIGGER it_refuse_minute ON decision_minute");
                sql("DROP FUNCTION it_refuse_minute()");
            }
            long retried = failing;
            JsonObject late = event(
                    meeting.dave(),
                    "motion.closed",
                    data -> data.getJsonObject("motion").getJsonNumber("id").longValue() == retried);
            seen.add(late);
            seen.addAll(roomMessages(meeting.dave().drain(Duration.ofMillis(500)), meeting.room()));
            List<Long> sequences = seen.stream()
                    .map(m -> m.getJsonNumber("seq").longValue())
                    .filter(seq -> seq > lastAfterOpening)
                    .toList();
            for (int i = 0; i < sequences.size(); i++) {
                assertEquals(lastAfterOpening + 1 + i, sequences.get(i), "gapless and once each: " + sequences);
            }
            assertEquals(lastSequence(meeting.room()), sequences.get(sequences.size() - 1), "and complete");
            assertEquals("closed", sql("SELECT status FROM motion WHERE id = ?", failing), "closed once it could be");
        }
    }

    @Test
    void onlyTheChairOfThisMeetingOpensItsMotions() throws Exception {
        try (Meeting meeting = boardMeeting()) {
            long motion = propose(meeting.alice(), meeting.id(), "");
            ok(command(meeting.dave(), "motion.second", "{\"motion\":" + motion + "}"));
            // a chair of acme who neither takes part in this meeting nor organized it
            sql("INSERT INTO member (organization_id, subject, display_name) SELECT id, 'ivan', 'Ivan Chair' "
                    + "FROM organization WHERE slug = 'acme' ON CONFLICT DO NOTHING");
            try (QuorumClient ivan = QuorumClient.withToken(ws(), Tokens.valid("acme", "ivan", "member", "chair"))) {
                ivan.welcome();
                refused(command(ivan, "motion.open", "{\"motion\":" + motion + "}"), "CHAIR_ONLY");
            }
            ok(command(meeting.dave(), "motion.open", "{\"motion\":" + motion + "}"));
        }
    }
}
