package dev.quorum.it;

import static dev.quorum.it.MeetingSteps.command;
import static dev.quorum.it.MeetingSteps.event;
import static dev.quorum.it.MeetingSteps.meetingId;
import static dev.quorum.it.MeetingSteps.motionIn;
import static dev.quorum.it.MeetingSteps.ok;
import static dev.quorum.it.MeetingSteps.propose;
import static dev.quorum.it.MeetingSteps.refused;
import static dev.quorum.it.MeetingSteps.roomOf;
import static dev.quorum.it.MeetingSteps.sql;
import static dev.quorum.it.MeetingSteps.start;
import static dev.quorum.it.MeetingSteps.vote;
import static dev.quorum.it.MeetingSteps.votesFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Meetings and voting on one node: attendance and quorum, the motion lifecycle, votes, proxies, minutes. */
class MeetingIT extends QuorumIT {

    static final String DAVE = Tokens.valid("acme", "dave", "member", "chair");
    static final String CAROL = Tokens.valid("acme", "carol", "member", "secretary");

    // ---- helpers ------------------------------------------------------------------------------------

    /** A meeting created over REST by the chair; answers its state. */
    JsonObject createMeeting(String kind, String quorum, Map<String, Integer> participants) throws Exception {
        return createMeeting(kind, quorum, participants, null);
    }

    /** A meeting with a chair chosen among its participants (null: the default choice). */
    JsonObject createMeeting(String kind, String quorum, Map<String, Integer> participants, String chair)
            throws Exception {
        StringBuilder list = new StringBuilder();
        participants.forEach((member, weight) -> list.append(list.length() == 0 ? "" : ",")
                .append("{\"member\":\"")
                .append(member)
                .append("\",\"weight\":")
                .append(weight)
                .append('}'));
        String body = "{\"kind\":\"" + kind + "\",\"title\":\"Meeting " + UUID.randomUUID() + "\",\"scheduledAt\":\""
                + Instant.now() + "\"," + quorum + "\"participants\":[" + list
                + "],\"agenda\":[\"Approval of the accounts\"]" + (chair == null ? "" : ",\"chair\":\"" + chair + "\"")
                + "}";
        HttpResponse<String> created = post(api("meetings"), DAVE, body);
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body());
    }

    static String member(String subject, String... roles) {
        return Tokens.valid("acme", subject, roles.length == 0 ? new String[] {"member"} : roles);
    }

    JsonObject stateOf(long meeting, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(api("meetings/" + meeting))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    // ---- tests --------------------------------------------------------------------------------------

    @Test
    void aBoardMotionFromProposalToItsLockedMinute() throws Exception {
        JsonObject state = createMeeting("board", "", Map.of("alice", 1, "bob", 1, "dave", 1, "erin", 1));
        long meeting = meetingId(state);
        long room = roomOf(state);
        assertEquals("majority_of_seats", state.getJsonObject("meeting").getString("quorumRule"));
        try (QuorumClient alice = attendee(member("alice"), room);
                QuorumClient bob = attendee(member("bob"), room);
                QuorumClient dave = attendee(DAVE, room);
                QuorumClient frank = QuorumClient.withToken(ws(), member("frank", "admin"))) {
            frank.welcome();
            start(dave, meeting);
            ok(command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            JsonObject attended = ok(command(bob, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            assertFalse(attended.getJsonObject("quorum").getBoolean("met"), "2 of 4 seats: no quorum");
            assertEquals(3, attended.getJsonObject("quorum").getInt("required"));

            long motion = propose(alice, meeting, "");
            refused(command(alice, "motion.second", "{\"motion\":" + motion + "}"), "MOTION_STATE");
            ok(command(bob, "motion.second", "{\"motion\":" + motion + "}"));
            refused(command(alice, "motion.open", "{\"motion\":" + motion + "}"), "CHAIR_ONLY");
            refused(command(dave, "motion.open", "{\"motion\":" + motion + "}"), "QUORUM_NOT_PRESENT");
            refused(vote(alice, motion, "for"), "MOTION_STATE");

            ok(command(dave, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            JsonObject quorate = event(
                    alice, "meeting.quorum", q -> q.getJsonObject("quorum").getBoolean("met"));
            assertEquals("high", quorate.getString("priority"));
            assertEquals(
                    "open",
                    ok(command(dave, "motion.open", "{\"motion\":" + motion + "}"))
                            .getString("status"));

            refused(vote(alice, motion, "maybe"), "UNKNOWN_OPTION");
            refused(vote(frank, motion, "for"), "NOT_ELIGIBLE");
            assertEquals("in_person", ok(vote(alice, motion, "for")).getString("via"));
            ok(vote(bob, motion, "against"));
            ok(vote(dave, motion, "for"));
            JsonObject changed = ok(vote(bob, motion, "for"));
            JsonObject tally = event(
                            alice,
                            "motion.tally",
                            t -> t.getJsonObject("tally")
                                            .getJsonNumber("version")
                                            .longValue()
                                    == changed.getJsonNumber("tallyVersion").longValue())
                    .getJsonObject("data")
                    .getJsonObject("tally");
            assertEquals(3, tally.getInt("votesCast"), "a changed vote is still one vote");
            assertEquals(3, votesFor(tally, "for"));
            assertEquals(0, votesFor(tally, "against"));
            assertEquals(4, tally.getInt("eligible"));

            JsonObject closed = ok(command(dave, "motion.close", "{\"motion\":" + motion + "}"));
            assertEquals("carried", closed.getString("outcome"));
            refused(vote(alice, motion, "against"), "MOTION_CLOSED");
            JsonObject closedEvent = event(bob, "motion.closed", c -> true);
            assertTrue(closedEvent.getJsonObject("data").getString("minute").contains("Outcome: CARRIED"));

            // the tally shown equals a recount from the database
            JsonObject shown = motionIn(stateOf(meeting, member("alice")), motion);
            Object recount = sql("SELECT COUNT(*) FROM vote WHERE motion_id = ? AND choice = 'for'", motion);
            assertEquals(((Number) recount).intValue(), votesFor(shown.getJsonObject("tally"), "for"));
            assertEquals(3, shown.getJsonArray("rollCall").size(), "a named ballot shows its roll call once closed");

            HttpResponse<String> minute = HTTP.send(
                    HttpRequest.newBuilder(api("meetings/" + meeting + "/motions/" + motion + "/minute"))
                            .header("Authorization", "Bearer " + member("bob"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = json(minute.body()).getString("text");
            assertTrue(text.contains("Proposed by Alice Archer, seconded by Bob Baker"), text);
            assertTrue(text.contains("Roll call: Alice Archer for; Bob Baker for; Dave Dalton for;"), text);
            java.sql.SQLException locked = assertThrows(
                    java.sql.SQLException.class,
                    () -> sql("UPDATE decision_minute SET text = 'rewritten' WHERE motion_id = ?", motion));
            assertTrue(locked.getMessage().contains("locked against edits"));

            Object audited = sql(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'vote.in_person' AND target = ?",
                    "motion:" + motion);
            assertEquals(4L, ((Number) audited).longValue(), "every vote, the change included, is audited");
        }
    }

    @Test
    void losingQuorumDuringTheMeetingRaisesACriticalAlertAndTheCloseRecordsNoQuorum() throws Exception {
        JsonObject state = createMeeting("board", "", Map.of("alice", 1, "bob", 1, "dave", 1));
        long meeting = meetingId(state);
        try (QuorumClient alice = attendee(member("alice"), roomOf(state));
                QuorumClient bob = attendee(member("bob"), roomOf(state));
                QuorumClient dave = attendee(DAVE, roomOf(state))) {
            ok(command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            ok(command(dave, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            start(dave, meeting);
            long motion = propose(alice, meeting, "");
            ok(command(dave, "motion.second", "{\"motion\":" + motion + "}"));
            ok(command(dave, "motion.open", "{\"motion\":" + motion + "}"));
            ok(vote(alice, motion, "for"));
            ok(command(alice, "meeting.checkout", "{\"meeting\":" + meeting + "}"));
            JsonObject lost = event(bob, "meeting.quorum", q -> q.getBoolean("lost"));
            assertEquals("critical", lost.getString("priority"));
            JsonObject closed = ok(command(dave, "motion.close", "{\"motion\":" + motion + "}"));
            assertEquals("no_quorum", closed.getString("outcome"));
        }
    }

    @Test
    void anotherOrganizationSeesNoMeetingAndCannotVote() throws Exception {
        JsonObject state = createMeeting("board", "", Map.of("alice", 1, "dave", 1));
        long meeting = meetingId(state);
        try (QuorumClient alice = attendee(member("alice"), roomOf(state));
                QuorumClient dave = attendee(DAVE, roomOf(state));
                QuorumClient hank = QuorumClient.withToken(ws(), Tokens.valid("globex", "hank", "member", "chair"))) {
            hank.welcome();
            ok(command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            ok(command(dave, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            start(dave, meeting);
            long motion = propose(alice, meeting, "");
            ok(command(dave, "motion.second", "{\"motion\":" + motion + "}"));
            ok(command(dave, "motion.open", "{\"motion\":" + motion + "}"));
            refused(command(hank, "meeting.state", "{\"meeting\":" + meeting + "}"), "MEETING_NOT_FOUND");
            // within the organization, a member who takes no part sees nothing of a board meeting either
            try (QuorumClient bob = QuorumClient.withToken(ws(), member("bob"))) {
                bob.welcome();
                refused(command(bob, "meeting.state", "{\"meeting\":" + meeting + "}"), "MEETING_NOT_FOUND");
            }
            refused(vote(hank, motion, "for"), "MOTION_NOT_FOUND");
            refused(command(hank, "motion.close", "{\"motion\":" + motion + "}"), "MOTION_NOT_FOUND");
            HttpResponse<String> rest = HTTP.send(
                    HttpRequest.newBuilder(api("meetings/" + meeting))
                            .header("Authorization", "Bearer " + Tokens.valid("globex", "hank", "member"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, rest.statusCode());
        }
    }

    @Test
    void directorsCannotVoteByProxyButTheSecretaryMayEnterAnAssistedVote() throws Exception {
        JsonObject state = createMeeting("board", "", Map.of("alice", 1, "dave", 1, "erin", 1));
        long meeting = meetingId(state);
        HttpResponse<String> proxy =
                post(api("meetings/" + meeting + "/proxies"), member("alice"), "{\"holder\":\"dave\"}");
        assertEquals(403, proxy.statusCode());
        assertEquals("PROXY_NOT_ALLOWED", json(proxy.body()).getString("code"));
        try (QuorumClient alice = attendee(member("alice"), roomOf(state));
                QuorumClient dave = attendee(DAVE, roomOf(state));
                QuorumClient carol = QuorumClient.withToken(ws(), CAROL);
                QuorumClient erin = QuorumClient.withToken(ws(), member("erin"))) {
            carol.welcome();
            erin.welcome();
            ok(command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            ok(command(dave, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            start(dave, meeting);
            long motion = propose(alice, meeting, "");
            ok(command(dave, "motion.second", "{\"motion\":" + motion + "}"));
            ok(command(dave, "motion.open", "{\"motion\":" + motion + "}"));
            refused(
                    command(alice, "vote", "{\"motion\":" + motion + ",\"choice\":\"for\",\"onBehalfOf\":\"erin\"}"),
                    "PROXY_NOT_ALLOWED");
            JsonObject assisted = ok(command(
                    carol, "vote", "{\"motion\":" + motion + ",\"choice\":\"against\",\"onBehalfOf\":\"erin\"}"));
            assertEquals("assisted", assisted.getString("via"));
            assertEquals("erin", assisted.getString("voter"));
            // erin hears of it on her own connection, though she never joined the meeting's room
            JsonObject confirmation = erin.next("message").getJsonObject("data");
            assertEquals("vote.assisted", confirmation.getString("type"));
            assertEquals("against", confirmation.getJsonObject("data").getString("choice"));
            assertEquals("carol", confirmation.getJsonObject("data").getString("enteredBy"));
            Object audited = sql(
                    "SELECT actor FROM audit_event WHERE action = 'vote.assisted' AND target = ?", "motion:" + motion);
            assertEquals("carol", audited, "the audit names who entered it");
        }
    }

    @Test
    void aSecretMemberBallotWithWeightsProxiesAndReceipts() throws Exception {
        JsonObject state = createMeeting(
                "member",
                "\"quorumRule\":\"weight_percent\",\"quorumValue\":50,",
                Map.of("alice", 600, "bob", 300, "carol", 100),
                "bob");
        long meeting = meetingId(state);
        String alice = member("alice");
        String bob = member("bob");
        String carol = member("carol");
        // carol gives bob a meeting-wide proxy; a chain through either of them is refused
        HttpResponse<String> granted = post(api("meetings/" + meeting + "/proxies"), carol, "{\"holder\":\"bob\"}");
        assertEquals(201, granted.statusCode(), granted.body());
        assertEquals(
                "PROXY_CHAIN",
                json(post(api("meetings/" + meeting + "/proxies"), bob, "{\"holder\":\"alice\"}")
                                .body())
                        .getString("code"));
        assertEquals(
                "PROXY_CHAIN",
                json(post(api("meetings/" + meeting + "/proxies"), alice, "{\"holder\":\"carol\"}")
                                .body())
                        .getString("code"));

        try (QuorumClient aliceClient = attendee(alice, roomOf(state));
                QuorumClient bobClient = attendee(bob, roomOf(state));
                QuorumClient carolClient = attendee(carol, roomOf(state));
                QuorumClient dave = attendee(DAVE, roomOf(state))) {
            start(bobClient, meeting); // bob chairs it, chosen at scheduling
            JsonObject withProxy = ok(command(bobClient, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            assertEquals(
                    400, withProxy.getJsonObject("quorum").getInt("present"), "bob's 300 and carol's 100 by proxy");
            assertFalse(withProxy.getJsonObject("quorum").getBoolean("met"), "400 of 1000 is under 50 %");
            assertTrue(ok(command(aliceClient, "meeting.checkin", "{\"meeting\":" + meeting + "}"))
                    .getJsonObject("quorum")
                    .getBoolean("met"));

            long motion = propose(aliceClient, meeting, ",\"ballot\":\"secret\",\"runningResults\":true");
            // a directed proxy for this motion, replacing nothing (the meeting-wide one stays for other motions)
            HttpResponse<String> directed = post(
                    api("meetings/" + meeting + "/proxies"),
                    carol,
                    "{\"holder\":\"bob\",\"motion\":" + motion + ",\"choice\":\"against\"}");
            assertEquals(201, directed.statusCode(), directed.body());
            long directedId = json(directed.body()).getJsonNumber("id").longValue();
            ok(command(bobClient, "motion.second", "{\"motion\":" + motion + "}"));
            JsonObject opened = ok(command(bobClient, "motion.open", "{\"motion\":" + motion + "}"));
            assertFalse(opened.getBoolean("runningResults"), "a secret ballot never shows running results");
            assertEquals(
                    409,
                    HTTP.send(
                                    HttpRequest.newBuilder(api("meetings/" + meeting + "/proxies/" + directedId))
                                            .header("Authorization", "Bearer " + carol)
                                            .DELETE()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode(),
                    "revocable only until the motion opens");

            refused(
                    command(
                            bobClient,
                            "vote",
                            "{\"motion\":" + motion + ",\"choice\":\"for\",\"onBehalfOf\":\"carol\"}"),
                    "PROXY_DIRECTED");
            String salt = (String) sql("SELECT ballot_salt FROM motion WHERE id = ?", motion);
            assertTrue(
                    salt.startsWith("sealed:") && salt.length() > 60, "the salt that links ballots is sealed: " + salt);
            JsonObject aliceVote = ok(vote(aliceClient, motion, "for"));
            String receipt = aliceVote.getString("receipt");
            assertNotNull(receipt);
            ok(vote(bobClient, motion, "for"));
            // carol votes herself: her directed proxy vote is replaced, and the proxy may not vote again
            ok(vote(carolClient, motion, "for"));
            refused(
                    command(
                            bobClient,
                            "vote",
                            "{\"motion\":" + motion + ",\"choice\":\"against\",\"onBehalfOf\":\"carol\"}"),
                    "PROXY_OVERRIDDEN");

            JsonObject running =
                    event(dave, "motion.tally", t -> t.getJsonObject("tally").getInt("votesCast") == 3);
            assertFalse(
                    running.getJsonObject("data").getJsonObject("tally").containsKey("results"),
                    "only turnout while open");

            JsonObject closed = ok(command(bobClient, "motion.close", "{\"motion\":" + motion + "}"));
            assertEquals("carried", closed.getString("outcome"));
            JsonObject shown = motionIn(stateOf(meeting, DAVE), motion);
            assertEquals(3, votesFor(shown.getJsonObject("tally"), "for"));
            assertEquals(0, votesFor(shown.getJsonObject("tally"), "against"), "carol's own vote replaced her proxy's");
            assertEquals(0, shown.getJsonArray("rollCall").size(), "no roll call for a secret ballot");
            assertEquals(
                    "for",
                    ok(command(
                                    aliceClient,
                                    "vote.verify",
                                    "{\"motion\":" + motion + ",\"receipt\":\"" + receipt + "\"}"))
                            .getString("choice"));
            refused(
                    command(aliceClient, "vote.verify", "{\"motion\":" + motion + ",\"receipt\":\"NOTAREALCODE\"}"),
                    "RECEIPT_UNKNOWN");

            // privacy: nothing stored links a ballot to a voter any more, and no audit entry names a choice
            assertEquals(
                    0L,
                    ((Number) sql(
                                    "SELECT COUNT(*) FROM secret_ballot WHERE motion_id = ? AND ballot_key IS NOT NULL",
                                    motion))
                            .longValue());
            assertNull(sql("SELECT ballot_salt FROM motion WHERE id = ?", motion));
            assertEquals(
                    0L,
                    ((Number) sql(
                                    "SELECT COUNT(*) FROM audit_event WHERE target = ? AND detail::text LIKE '%choice%'",
                                    "motion:" + motion))
                            .longValue());

            // carol revokes her meeting-wide proxy: bob no longer represents her, and the room hears the new quorum
            long wide = json(granted.body()).getJsonNumber("id").longValue();
            assertEquals(
                    200,
                    HTTP.send(
                                    HttpRequest.newBuilder(api("meetings/" + meeting + "/proxies/" + wide))
                                            .header("Authorization", "Bearer " + carol)
                                            .DELETE()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            JsonObject requorum =
                    event(dave, "meeting.quorum", q -> q.getJsonObject("quorum").getInt("present") == 900);
            assertTrue(requorum.getJsonObject("data").getJsonObject("quorum").getBoolean("met"));
        }
    }

    @Test
    void aMotionClosesItselfAtItsDeadline() throws Exception {
        JsonObject state = createMeeting("board", "", Map.of("alice", 1, "dave", 1));
        long meeting = meetingId(state);
        try (QuorumClient alice = attendee(member("alice"), roomOf(state));
                QuorumClient dave = attendee(DAVE, roomOf(state))) {
            ok(command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            ok(command(dave, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            start(dave, meeting);
            long motion = propose(alice, meeting, ",\"votingSeconds\":2");
            ok(command(dave, "motion.second", "{\"motion\":" + motion + "}"));
            ok(command(dave, "motion.open", "{\"motion\":" + motion + "}"));
            ok(vote(alice, motion, "for"));
            JsonObject closed = event(alice, "motion.closed", c -> true).getJsonObject("data");
            assertEquals("deadline", closed.getJsonObject("motion").getString("closedBy"));
            assertEquals("carried", closed.getJsonObject("motion").getString("outcome"));
            assertNotNull(closed.getString("minute"));
            assertEquals(
                    "quorum",
                    sql(
                            "SELECT actor FROM audit_event WHERE action = 'motion.close' AND target = ?",
                            "motion:" + motion),
                    "the deadline's close is audited as Quorum's own");
        }
    }

    /**
     * The meeting's chair (alice, chosen at scheduling, holding no chair role) drives it: starts it, sets motions
     * aside, extends a timed vote, closes an agenda item and adjourns; everybody else is refused, every step is
     * audited, and the adjournment queues the summaries.
     */
    @Test
    void theChairChosenAtSchedulingDrivesTheMeetingFromStartToAdjournment() throws Exception {
        String body = "{\"kind\":\"board\",\"title\":\"Lifecycle " + UUID.randomUUID() + "\",\"scheduledAt\":\""
                + Instant.now() + "\",\"participants\":[{\"member\":\"alice\"},{\"member\":\"bob\"},"
                + "{\"member\":\"dave\"},{\"member\":\"erin\"}],\"agenda\":[\"Accounts\",\"Any other business\"],"
                + "\"chair\":\"alice\"}";
        HttpResponse<String> created = post(api("meetings"), CAROL, body);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject state = json(created.body());
        long meeting = meetingId(state);
        JsonObject scheduled = state.getJsonObject("meeting");
        assertEquals("alice", scheduled.getString("chair"));
        assertEquals("Alice Archer", scheduled.getString("chairName"));
        assertEquals("scheduled", scheduled.getString("status"));
        long firstItem = state.getJsonArray("agenda")
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        assertEquals(
                400,
                post(api("meetings"), CAROL, body.replace("\"chair\":\"alice\"", "\"chair\":\"frank\""))
                        .statusCode(),
                "the chair is one of the participants");

        try (QuorumClient alice = attendee(member("alice"), roomOf(state));
                QuorumClient bob = attendee(member("bob"), roomOf(state));
                QuorumClient dave = attendee(DAVE, roomOf(state));
                QuorumClient erin = attendee(member("erin"), roomOf(state));
                QuorumClient frank = QuorumClient.withToken(ws(), member("frank", "admin", "secretary"))) {
            frank.welcome();
            refused(
                    command(bob, "motion.propose", "{\"meeting\":" + meeting + ",\"title\":\"Too early\"}"),
                    "NOT_CHECKED_IN");
            for (QuorumClient present : List.of(alice, bob, erin)) {
                ok(command(present, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            }
            refused(
                    command(frank, "motion.propose", "{\"meeting\":" + meeting + ",\"title\":\"Outsider\"}"),
                    "NOT_A_PARTICIPANT");
            long timed = propose(bob, meeting, ",\"votingSeconds\":30,\"agendaItem\":" + firstItem);
            ok(command(erin, "motion.second", "{\"motion\":" + timed + "}"));
            refused(command(alice, "motion.open", "{\"motion\":" + timed + "}"), "MEETING_STATE");
            refused(command(dave, "meeting.start", "{\"meeting\":" + meeting + "}"), "CHAIR_ONLY");
            JsonObject started = start(alice, meeting);
            assertEquals("in_session", started.getString("status"));
            assertNotNull(started.getString("startedAt"));
            assertEquals(
                    "in_session",
                    event(bob, "meeting.status", m -> true)
                            .getJsonObject("data")
                            .getJsonObject("meeting")
                            .getString("status"));
            refused(command(alice, "meeting.start", "{\"meeting\":" + meeting + "}"), "MEETING_STATE");

            // withdrawn by its proposer; tabled and taken up again by the chair; nobody else may
            long withdrawn = propose(bob, meeting, "");
            refused(command(erin, "motion.withdraw", "{\"motion\":" + withdrawn + "}"), "CHAIR_ONLY");
            JsonObject gone = ok(command(bob, "motion.withdraw", "{\"motion\":" + withdrawn + "}"));
            assertEquals("withdrawn", gone.getString("status"));
            assertEquals("proposer Bob Baker", gone.getString("closedBy"));
            assertEquals("Bob Baker", gone.getString("proposerName"));
            refused(command(erin, "motion.second", "{\"motion\":" + withdrawn + "}"), "MOTION_STATE");
            long tabled = propose(erin, meeting, "");
            refused(command(dave, "motion.table", "{\"motion\":" + tabled + "}"), "CHAIR_ONLY");
            assertEquals(
                    "tabled",
                    ok(command(alice, "motion.table", "{\"motion\":" + tabled + "}"))
                            .getString("status"));
            refused(command(bob, "motion.second", "{\"motion\":" + tabled + "}"), "MOTION_STATE");
            assertEquals(
                    "proposed",
                    ok(command(alice, "motion.resume", "{\"motion\":" + tabled + "}"))
                            .getString("status"));

            // a timed vote: who has voted shows by name, a changed vote says from what, the chair extends it
            JsonObject opened = ok(command(alice, "motion.open", "{\"motion\":" + timed + "}"));
            Instant deadline = Instant.parse(opened.getString("deadline"));
            ok(vote(bob, timed, "for"));
            ok(vote(erin, timed, "against"));
            JsonObject changed = ok(vote(erin, timed, "for"));
            assertEquals("against", changed.getString("changedFrom"));
            assertNotNull(changed.getString("castAt"));
            JsonObject tally = event(
                            alice, "motion.tally", t -> t.getJsonObject("tally").getInt("votesCast") == 2)
                    .getJsonObject("data");
            assertEquals(
                    List.of("bob", "erin"),
                    tally.getJsonArray("voted").getValuesAs(jakarta.json.JsonString.class).stream()
                            .map(jakarta.json.JsonString::getString)
                            .sorted()
                            .toList());
            JsonObject shown = motionIn(stateOf(meeting, member("bob")), timed);
            assertEquals(
                    "Alice Archer:false,Bob Baker:true,Dave Dalton:false,Erin Evans:true",
                    String.join(
                            ",",
                            shown.getJsonArray("voters").getValuesAs(JsonObject.class).stream()
                                    .map(v -> v.getString("displayName") + ":" + v.getBoolean("voted"))
                                    .toList()));
            assertTrue(shown.getBoolean("mayVote"));
            assertEquals("for", shown.getString("myChoice"));
            assertEquals(
                    "erin for, changed from against",
                    sql(
                            "SELECT (detail->>'voter') || ' ' || (detail->>'choice') || ', changed from ' || "
                                    + "(detail->>'changedFrom') FROM audit_event WHERE action = 'vote.in_person' "
                                    + "AND target = ? ORDER BY id DESC LIMIT 1",
                            "motion:" + timed),
                    "the audit trail records the change");
            refused(command(dave, "motion.extend", "{\"motion\":" + timed + ",\"seconds\":60}"), "CHAIR_ONLY");
            refused(command(alice, "motion.extend", "{\"motion\":" + timed + ",\"seconds\":0}"), "INVALID_MESSAGE");
            JsonObject extended = ok(command(alice, "motion.extend", "{\"motion\":" + timed + ",\"seconds\":60}"));
            assertEquals(deadline.plusSeconds(60), Instant.parse(extended.getString("deadline")));
            assertEquals(
                    1L,
                    ((Number) sql(
                                    "SELECT COUNT(*) FROM audit_event WHERE action = 'motion.extend' AND target = ? "
                                            + "AND actor = 'alice'",
                                    "motion:" + timed))
                            .longValue());

            refused(command(alice, "meeting.adjourn", "{\"meeting\":" + meeting + "}"), "MEETING_STATE");
            ok(command(alice, "motion.close", "{\"motion\":" + timed + "}"));
            JsonObject item = ok(command(alice, "meeting.agenda.close", "{\"item\":" + firstItem + "}"));
            assertNotNull(item.getString("closedAt"));
            refused(command(alice, "meeting.agenda.close", "{\"item\":" + firstItem + "}"), "MEETING_STATE");
            refused(
                    command(
                            bob,
                            "motion.propose",
                            "{\"meeting\":" + meeting + ",\"title\":\"Closed item\"," + "\"agendaItem\":" + firstItem
                                    + "}"),
                    "MEETING_STATE");

            JsonObject adjourned = ok(command(alice, "meeting.adjourn", "{\"meeting\":" + meeting + "}"));
            assertEquals("adjourned", adjourned.getString("status"));
            assertNotNull(adjourned.getString("endedAt"));
            JsonObject after = stateOf(meeting, member("bob"));
            assertEquals(
                    "lapsed", motionIn(after, tabled).getJsonObject("motion").getString("status"));
            assertTrue(
                    after.getJsonArray("agenda").getValuesAs(JsonObject.class).stream()
                            .allMatch(i -> i.containsKey("closedAt") && !i.isNull("closedAt")),
                    "the adjournment closes the agenda");
            refused(command(erin, "meeting.checkin", "{\"meeting\":" + meeting + "}"), "MEETING_STATE");
            refused(
                    command(bob, "motion.propose", "{\"meeting\":" + meeting + ",\"title\":\"Too late\"}"),
                    "MEETING_STATE");
            assertEquals(
                    "agenda_item,agenda_item,meeting",
                    sql("SELECT string_agg(kind, ',' ORDER BY kind) FROM analysis_job WHERE meeting_id = ?", meeting),
                    "each closed item and the meeting are summarized");
            assertEquals(
                    "meeting.start,motion.withdraw,motion.table,motion.resume,motion.extend,motion.close,"
                            + "meeting.agenda_item.close,meeting.adjourn",
                    sql(
                            "SELECT string_agg(action, ',' ORDER BY id) FROM audit_event WHERE actor IN ('alice', 'bob') "
                                    + "AND action IN ('meeting.start', 'motion.withdraw', 'motion.table', 'motion.resume', "
                                    + "'motion.extend', 'motion.close', 'meeting.agenda_item.close', 'meeting.adjourn') "
                                    + "AND (target = ? OR target LIKE 'motion:%' AND CAST(split_part(target, ':', 2) AS BIGINT) "
                                    + "IN (SELECT id FROM motion WHERE meeting_id = ?) OR target = ?)",
                            "meeting:" + meeting, meeting, "agenda_item:" + firstItem));
        }
    }

    /**
     * The minutes: assembled from the meeting's record, narrated by the secretary, approved after the adjournment
     * and then locked (by Quorum and by the database); downloaded as Markdown, HTML and PDF.
     */
    @Test
    void theMinutesAreAssembledNarratedApprovedAndLocked() throws Exception {
        String body = "{\"kind\":\"board\",\"title\":\"Minuted " + UUID.randomUUID() + "\",\"scheduledAt\":\""
                + Instant.now() + "\",\"participants\":[{\"member\":\"alice\"},{\"member\":\"bob\"},"
                + "{\"member\":\"dave\"}],\"agenda\":[\"Accounts\",\"Any other business\"]}";
        HttpResponse<String> created = post(api("meetings"), CAROL, body);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject state = json(created.body());
        long meeting = meetingId(state);
        long accounts = state.getJsonArray("agenda")
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        String minutes = "meetings/" + meeting + "/minutes";
        try (QuorumClient alice = attendee(member("alice"), roomOf(state));
                QuorumClient dave = attendee(DAVE, roomOf(state))) {
            ok(command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            ok(command(dave, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            start(dave, meeting);
            long motion = propose(alice, meeting, ",\"agendaItem\":" + accounts);
            ok(command(dave, "motion.second", "{\"motion\":" + motion + "}"));
            ok(command(dave, "motion.open", "{\"motion\":" + motion + "}"));
            ok(vote(alice, motion, "for"));
            ok(vote(dave, motion, "for"));
            ok(command(dave, "motion.close", "{\"motion\":" + motion + "}"));
            ok(command(alice, "meeting.checkout", "{\"meeting\":" + meeting + "}"));
            ok(command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            ok(command(dave, "meeting.agenda.close", "{\"item\":" + accounts + "}"));

            HttpResponse<String> early = call("POST", minutes + "/approval", CAROL, null);
            assertEquals(409, early.statusCode(), early.body());
            assertEquals("MEETING_STATE", json(early.body()).getString("code"));
            ok(command(dave, "meeting.adjourn", "{\"meeting\":" + meeting + "}"));
        }
        assertEquals(
                "FORBIDDEN",
                json(call("PUT", minutes + "/narratives/" + accounts, member("bob"), "{\"text\":\"Mine\"}")
                                .body())
                        .getString("code"),
                "a director who is neither secretary nor chair does not write the minutes");
        HttpResponse<String> opening =
                call("PUT", minutes + "/narratives/opening", CAROL, "{\"text\":\"The chair welcomed the board.\"}");
        assertEquals(200, opening.statusCode(), opening.body());
        JsonObject draft = json(call(
                        "PUT",
                        minutes + "/narratives/" + accounts,
                        CAROL,
                        "{\"text\":\"The treasurer presented the accounts.\"}")
                .body());
        assertEquals("draft", draft.getString("status"));
        assertTrue(draft.getBoolean("mayApprove"));
        String markdown = draft.getString("markdown");
        for (String expected : List.of(
                "**Draft — not approved.**",
                "Chair: Dave Dalton.",
                "The chair welcomed the board.",
                "## 1. Accounts",
                "The treasurer presented the accounts.",
                "Outcome: CARRIED.",
                "Roll call: Alice Archer for; Dave Dalton for;",
                "| Bob Baker | absent |",
                "quorum present, 2 present, 2 required (seats)",
                "**quorum lost**",
                "## 2. Any other business")) {
            assertTrue(markdown.contains(expected), () -> expected + " in:\n" + markdown);
        }
        assertTrue(
                markdown.matches(
                        "(?s).*\\| Alice Archer \\| \\d\\d:\\d\\d UTC to \\d\\d:\\d\\d UTC; \\d\\d:\\d\\d UTC to "
                                + "\\d\\d:\\d\\d UTC \\|.*"),
                () -> "alice left and came back, and stayed to the end:\n" + markdown);
        assertEquals(
                403, call("POST", minutes + "/approval", member("bob"), null).statusCode());

        JsonObject approved =
                json(call("POST", minutes + "/approval", CAROL, null).body());
        assertEquals("approved", approved.getString("status"));
        assertEquals("Carol Chen", approved.getString("approvedBy"));
        assertFalse(approved.getBoolean("mayEdit"));
        String record = approved.getString("markdown");
        assertTrue(record.contains("Approved by Carol Chen on "), record);
        assertEquals(
                "MINUTES_LOCKED",
                json(call("PUT", minutes + "/narratives/opening", CAROL, "{\"text\":\"Rewritten\"}")
                                .body())
                        .getString("code"));
        assertEquals(
                "MINUTES_LOCKED",
                json(call("POST", minutes + "/approval", CAROL, null).body()).getString("code"));
        java.sql.SQLException locked = assertThrows(
                java.sql.SQLException.class,
                () -> sql("UPDATE meeting_minutes SET markdown = 'rewritten' WHERE meeting_id = ?", meeting));
        assertTrue(locked.getMessage().contains("locked against edits"), locked.getMessage());
        assertThrows(
                java.sql.SQLException.class,
                () -> sql("UPDATE minutes_narrative SET text = 'rewritten' WHERE meeting_id = ?", meeting),
                "the narratives of approved minutes are locked in the database too");
        assertEquals(
                java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(record.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                sql(
                        "SELECT detail->>'sha256' FROM audit_event WHERE action = 'meeting.minutes.approve' AND target = ?",
                        "meeting:" + meeting),
                "the audit trail vouches for the approved text");

        HttpResponse<String> md = call("GET", minutes + "/export/markdown", member("bob"), null);
        assertEquals(200, md.statusCode());
        assertEquals(record, md.body());
        HttpResponse<String> html = call("GET", minutes + "/export/html", member("bob"), null);
        assertTrue(html.body().contains("<h2>1. Accounts</h2>"), html.body());
        assertTrue(html.body().contains("@media print"), "printable");
        HttpResponse<byte[]> pdf = HTTP.send(
                HttpRequest.newBuilder(api(minutes + "/export/pdf"))
                        .header("Authorization", "Bearer " + member("bob"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        String text = MeetingSteps.pdfText(pdf.body());
        for (String expected : List.of(
                "Minutes", "Accounts", "The treasurer presented the accounts.", "Approved by Carol Chen", "CARRIED")) {
            assertTrue(text.contains(expected), () -> expected + " in the PDF:\n" + text);
        }
        assertEquals(
                "INVALID_REQUEST",
                json(call("GET", minutes + "/export/docx", member("bob"), null).body())
                        .getString("code"));
        assertEquals(
                404,
                call("GET", minutes, Tokens.valid("globex", "hank", "member", "chair"), null)
                        .statusCode(),
                "another organization's minutes are unknown");
    }
}
