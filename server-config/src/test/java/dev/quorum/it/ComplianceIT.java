package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Compliance rules end to end: a dry run shows what the rules find and stores nothing; over the WebSocket a
 * redacting rule masks the stored and delivered text, a blocking rule refuses it with nothing stored, and a
 * flagging rule lets it through and records a finding off the publish path; officers change rules (each
 * change a version, audited) and acknowledge and resolve findings.
 */
class ComplianceIT extends QuorumIT {

    private static final String ERIN = Tokens.valid("acme", "erin", "member", "compliance_officer");
    private static final String ALICE = Tokens.valid("acme", "alice", "member");

    private static JsonArray array(String text) {
        return Json.createReader(new StringReader(text)).readArray();
    }

    private long openFindings() throws Exception {
        return array(call("GET", "compliance/findings?status=open&limit=1000", ERIN, null)
                        .body())
                .size();
    }

    /** Publishes a chat message and answers the server's reply to it (ack or error). */
    private static JsonObject publish(QuorumClient client, long room, String text) {
        return client.publishChat(room, text);
    }

    private static JsonObject nextChat(QuorumClient client) {
        while (true) {
            JsonObject frame = client.next("message");
            if (frame.getJsonObject("data").getString("type").equals("chat")) {
                return frame.getJsonObject("data");
            }
        }
    }

    @Test
    void aDryRunShowsWhatTheRulesFindAndStoresNothing() throws Exception {
        long before = openFindings();
        HttpResponse<String> scanned = post(
                api("compliance/scan"),
                ERIN,
                "{\"text\":\"Card 4111 1111 1111 1111, mail ceo@acme-corp.com; room 4012 in 2026.\"}");
        assertEquals(200, scanned.statusCode(), scanned::body);
        JsonObject result = json(scanned.body());
        JsonArray findings = result.getJsonArray("findings");
        assertEquals(2, findings.size(), result::toString);
        JsonObject card = findings.stream()
                .map(v -> v.asJsonObject())
                .filter(f -> f.getString("category").equals("payment_card"))
                .findFirst()
                .orElseThrow();
        assertEquals(5, card.getInt("start"));
        assertEquals(24, card.getInt("end"));
        assertEquals("redact", card.getString("action"));
        assertTrue(result.getString("maskedText").startsWith("Card •••• •••• •••• ••••, mail ceo@acme-corp.com"));
        assertFalse(result.containsKey("blockedBy") && !result.isNull("blockedBy"), result::toString);
        Thread.sleep(500);
        assertEquals(before, openFindings(), "a dry run records nothing");
        assertEquals(
                403, post(api("compliance/scan"), ALICE, "{\"text\":\"x\"}").statusCode());
    }

    @Test
    void redactBlockAndFlagOverTheWebSocketAndOfficersSettleFindings() throws Exception {
        long room = roomId("acme", "Acme — everyone");
        JsonArray rules = array(call("GET", "compliance/rules", ERIN, null).body());
        assertEquals(9, rules.size());
        try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE);
                QuorumClient bob = QuorumClient.withToken(ws(), Tokens.valid("acme", "bob", "member"))) {
            for (QuorumClient client : java.util.List.of(alice, bob)) {
                client.welcome();
                client.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
                client.next("joined");
            }

            // redact (the default for cards): stored and delivered masked
            assertEquals(
                    "ack",
                    publish(alice, room, "Use card 5555 5555 5555 4444 for the dinner")
                            .getString("type"));
            String delivered = nextChat(bob).getJsonObject("data").getString("text");
            assertEquals("Use card •••• •••• •••• •••• for the dinner", delivered);
            assertEquals(
                    0L,
                    ((Number) MeetingSteps.sql("SELECT count(*) FROM message WHERE payload::text LIKE '%5555 5555%'"))
                            .longValue(),
                    "the number is nowhere in the database");

            // block: an officer changes the national id rule; the publish is refused, nothing stored
            HttpResponse<String> changed = call(
                    "PUT", "compliance/rules/national_id", ERIN, "{\"action\":\"block\",\"severity\":\"critical\"}");
            assertEquals(200, changed.statusCode(), changed::body);
            int version = json(changed.body()).getInt("version");
            assertTrue(version >= 1);
            try {
                Object lastSeq = MeetingSteps.sql("SELECT max(sequence) FROM message WHERE room_id = ?", room);
                JsonObject refused = publish(alice, room, "Her SSN is 123-45-6789, file it");
                assertEquals("error", refused.getString("type"), refused::toString);
                assertEquals("CONTENT_BLOCKED", refused.getJsonObject("data").getString("code"));
                assertTrue(refused.getJsonObject("data").getString("message").contains("national_id"));
                assertEquals(lastSeq, MeetingSteps.sql("SELECT max(sequence) FROM message WHERE room_id = ?", room));
                JsonArray versions = array(call("GET", "compliance/rules/national_id/versions", ERIN, null)
                        .body());
                assertEquals(
                        "block", versions.getJsonObject(versions.size() - 1).getString("action"));
                // the refused attempt is a (critical) finding of its own; settled here so its alert stops
                JsonObject attempt = null;
                for (int i = 0; i < 50 && attempt == null; i++) {
                    attempt = array(call("GET", "compliance/findings?status=open", ERIN, null)
                                    .body())
                            .stream()
                            .map(v -> v.asJsonObject())
                            .filter(f -> f.getString("action").equals("block")
                                    && f.getString("excerpt").contains("Her SSN"))
                            .findFirst()
                            .orElse(null);
                    if (attempt == null) {
                        Thread.sleep(100);
                    }
                }
                assertTrue(attempt != null, "the blocked attempt is recorded");
                assertFalse(attempt.getString("excerpt").contains("6789"), attempt::toString);
                assertEquals(
                        204,
                        call("POST", "compliance/findings/" + attempt.getJsonNumber("id") + "/resolve", ERIN, null)
                                .statusCode());
            } finally {
                call("PUT", "compliance/rules/national_id", ERIN, "{\"action\":\"redact\",\"severity\":\"high\"}");
            }

            // flag: delivered as written, a finding recorded soon after
            String address = "treasurer" + System.nanoTime() + "@acme-corp.com";
            assertEquals("ack", publish(alice, room, "Questions to " + address).getString("type"));
            assertEquals(
                    "Questions to " + address.replace("@", "&#64;"), // the sanitizer stores @ as its entity
                    nextChat(bob).getJsonObject("data").getString("text"));
            JsonObject finding = null;
            for (int i = 0; i < 50 && finding == null; i++) {
                finding = array(call("GET", "compliance/findings?status=open", ERIN, null)
                                .body())
                        .stream()
                        .map(v -> v.asJsonObject())
                        .filter(f -> f.getString("category").equals("email")
                                && f.getString("excerpt").contains("Questions to"))
                        .findFirst()
                        .orElse(null);
                if (finding == null) {
                    Thread.sleep(100);
                }
            }
            assertTrue(finding != null, "the flagged message has a finding");
            assertEquals("alice", finding.getString("actor"));
            assertEquals("chat", finding.getString("source"));
            assertEquals("flag", finding.getString("action"));
            assertFalse(finding.getString("excerpt").contains(address), "the excerpt keeps the match masked");

            long id = finding.getJsonNumber("id").longValue();
            assertEquals(
                    204,
                    call("POST", "compliance/findings/" + id + "/acknowledge", ERIN, null)
                            .statusCode());
            assertEquals(
                    204,
                    call("POST", "compliance/findings/" + id + "/resolve", ERIN, null)
                            .statusCode());
            assertEquals(
                    "FINDING_NOT_FOUND",
                    json(call("POST", "compliance/findings/" + id + "/resolve", ERIN, null)
                                    .body())
                            .getString("code"));
            assertEquals(
                    1L,
                    ((Number) MeetingSteps.sql(
                                    "SELECT count(*) FROM audit_event WHERE action = 'compliance.finding.resolved' "
                                            + "AND target = ?",
                                    "finding:" + id))
                            .longValue());
            assertEquals(
                    400,
                    call("PUT", "compliance/rules/national_id", ERIN, "{\"action\":\"explode\"}")
                            .statusCode());
            assertEquals(
                    400,
                    call("GET", "compliance/rules/bogus/versions", ERIN, null).statusCode());
        }
    }

    private static final String FRANK = Tokens.valid("acme", "frank", "member", "admin");

    /** A room of the kind, listing the members; each test's names are its own. */
    private long room(String kind, String name, String... members) throws Exception {
        HttpResponse<String> created = post(
                api("admin/rooms"),
                FRANK,
                "{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\",\"accessRule\":\"membership\"}");
        assertEquals(201, created.statusCode(), created::body);
        long room = json(created.body()).getJsonNumber("id").longValue();
        for (String member : members) {
            assertEquals(
                    204,
                    call("PUT", "admin/rooms/" + room + "/members/" + member, FRANK, null)
                            .statusCode());
        }
        return room;
    }

    private JsonObject awaitFinding(String category, long room) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonObject finding = array(call("GET", "compliance/findings?status=open", ERIN, null)
                            .body())
                    .stream()
                    .map(v -> v.asJsonObject())
                    .filter(f -> f.getString("category").equals(category)
                            && !f.isNull("room")
                            && f.getJsonNumber("room").longValue() == room)
                    .findFirst()
                    .orElse(null);
            if (finding != null) {
                return finding;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + category + " finding in room " + room);
    }

    private static JsonObject joined(QuorumClient client, long room) {
        client.send("{\"type\":\"join\",\"id\":\"j" + room + "\",\"data\":{\"room\":" + room + "}}");
        while (true) {
            JsonObject frame = client.next();
            if ("j".concat(Long.toString(room)).equals(frame.getString("replyTo", null))) {
                return frame;
            }
        }
    }

    @Test
    void rulesThatLookBeyondTheTextSeeWhoPostsWhereAndWhoReadsIt() throws Exception {
        String run = Long.toString(System.nanoTime());
        String research = "Research " + run;
        String banking = "Banking " + run;
        room("division", research, "bob", "carol");
        long bankingRoom = room("division", banking, "bob", "alice");
        assertEquals(
                "INVALID_MESSAGE",
                json(call("PUT", "compliance/rules/information_barrier", ERIN, "{\"action\":\"redact\"}")
                                .body())
                        .getString("code"),
                "a barrier has nothing to mask");
        assertEquals(
                400,
                call("PUT", "compliance/rules/email", ERIN, "{\"barriers\":[]}").statusCode(),
                "barriers belong to the barrier rule");
        HttpResponse<String> set = call(
                "PUT",
                "compliance/rules/information_barrier",
                ERIN,
                "{\"barriers\":[{\"divisions\":[\"" + research + "\",\"" + banking + "\"]}]}");
        assertEquals(200, set.statusCode(), set::body);
        assertEquals(
                research,
                json(set.body())
                        .getJsonObject("parameters")
                        .getJsonArray("barriers")
                        .getJsonObject(0)
                        .getJsonArray("divisions")
                        .getString(0));
        try (QuorumClient bob = QuorumClient.withToken(ws(), Tokens.valid("acme", "bob", "member"));
                QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            bob.welcome();
            alice.welcome();
            assertEquals("joined", joined(bob, bankingRoom).getString("type"));
            assertEquals("joined", joined(alice, bankingRoom).getString("type"));

            // bob is in Research too: his post into Banking's room crosses the barrier, nothing is stored
            Object lastSeq = MeetingSteps.sql("SELECT last_sequence FROM room WHERE id = ?", bankingRoom);
            JsonObject refused = publish(bob, bankingRoom, "The Globex model is on the shared drive");
            assertEquals("error", refused.getString("type"), refused::toString);
            assertEquals("CONTENT_BLOCKED", refused.getJsonObject("data").getString("code"));
            String reason = refused.getJsonObject("data").getString("message");
            assertTrue(reason.contains(banking + "'s room by a member of " + research), reason);
            assertEquals(lastSeq, MeetingSteps.sql("SELECT last_sequence FROM room WHERE id = ?", bankingRoom));
            JsonObject crossing = awaitFinding("information_barrier", bankingRoom);
            assertEquals("bob", crossing.getString("actor"));

            // alice belongs to Banking only
            assertEquals("ack", publish(alice, bankingRoom, "Banking-only note").getString("type"));
        } finally {
            call("PUT", "compliance/rules/information_barrier", ERIN, "{\"barriers\":[]}");
        }

        // figures in a room an external guest reads are flagged as possible inside information
        MeetingSteps.sql("INSERT INTO member (organization_id, subject, display_name, external) "
                + "SELECT id, 'xavier', 'Xavier Counsel', TRUE FROM organization WHERE slug = 'acme' "
                + "ON CONFLICT (organization_id, subject) DO UPDATE SET active = TRUE, external = TRUE");
        try {
            long advisers = room("meeting", "Advisers " + run, "alice", "xavier");
            long insiders = room("meeting", "Insiders " + run, "alice", "bob");
            String figures = "Q4 revenue will be $412m, 8% above guidance.";
            try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
                alice.welcome();
                joined(alice, advisers);
                assertEquals("ack", publish(alice, advisers, figures).getString("type"));
                JsonObject finding = awaitFinding("mnpi", advisers);
                assertFalse(finding.getString("excerpt").contains("412"), finding::toString);
            }
            JsonArray withGuests = json(post(
                                    api("compliance/scan"),
                                    ERIN,
                                    "{\"text\":\"" + figures + "\",\"room\":" + advisers + "}")
                            .body())
                    .getJsonArray("findings");
            assertEquals(2, withGuests.size(), withGuests::toString);
            assertEquals(
                    0,
                    json(post(api("compliance/scan"), ERIN, "{\"text\":\"" + figures + "\",\"room\":" + insiders + "}")
                                    .body())
                            .getJsonArray("findings")
                            .size(),
                    "no guest reads the insiders' room and no release is near");
        } finally {
            // the guest would make every acme-wide room one that guests read
            MeetingSteps.sql("UPDATE member SET active = FALSE WHERE subject = 'xavier'");
        }
        long globexRoom = roomId("globex", "Globex — everyone");
        assertEquals(
                404,
                post(api("compliance/scan"), ERIN, "{\"text\":\"x\",\"room\":" + globexRoom + "}")
                        .statusCode());
    }

    @Test
    void anErasedMemberIsAPseudonymInAllHistoryAndTheAuditChainStillHolds() throws Exception {
        String subject = "zoe" + System.nanoTime() % 1_000_000;
        String name = "Zoe Zimmer" + subject.substring(3);
        MeetingSteps.sql(
                "INSERT INTO member (organization_id, subject, display_name) SELECT id, ?, ? FROM organization "
                        + "WHERE slug = 'acme'",
                subject,
                name);
        String zoeToken = Tokens.valid("acme", subject, "member");
        long everyone = roomId("acme", "Acme — everyone");
        String pseudonym;
        try (QuorumClient zoe = QuorumClient.withToken(ws(), zoeToken);
                QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            zoe.welcome();
            alice.welcome();
            joined(zoe, everyone);
            joined(alice, everyone);
            assertEquals(
                    "ack", publish(zoe, everyone, "Hello, " + name + " here").getString("type"));
            assertEquals(
                    "ack",
                    publish(alice, everyone, "@" + subject + " welcome aboard").getString("type"));
            zoe.send("{\"type\":\"direct\",\"id\":\"d1\",\"data\":{\"to\":\"bob\",\"id\":\"dm-" + subject
                    + "\",\"data\":{\"text\":\"A word before the vote?\"}}}");
            while (!"d1".equals(zoe.next().getString("replyTo", null))) {
                // the direct message's ack
            }
            assertEquals(200, call("GET", "me/data", zoeToken, null).statusCode(), "an audited action of zoe's");

            String path = "compliance/members/" + subject + "/erasure";
            assertEquals(
                    403,
                    call("POST", path, ALICE, "{\"confirm\":\"" + subject + "\"}")
                            .statusCode());
            assertEquals(
                    400, call("POST", path, ERIN, "{\"confirm\":\"someone\"}").statusCode());
            assertEquals(
                    403,
                    call("POST", "compliance/members/erin/erasure", ERIN, "{\"confirm\":\"erin\"}")
                            .statusCode());
            assertEquals(
                    404,
                    call("POST", "compliance/members/gina/erasure", ERIN, "{\"confirm\":\"gina\"}")
                            .statusCode(),
                    "another organization's member");
            HttpResponse<String> erased = call("POST", path, ERIN, "{\"confirm\":\"" + subject + "\"}");
            assertEquals(200, erased.statusCode(), erased::body);
            JsonObject result = json(erased.body());
            pseudonym = result.getString("pseudonym");
            assertTrue(pseudonym.startsWith("erased:"), pseudonym);
            assertTrue(result.getInt("messages") >= 2, result::toString);
            assertTrue(result.getInt("auditEntries") >= 1, result::toString);
            assertEquals(1, result.getInt("directRooms"), result::toString);
            assertTrue(zoe.awaitClose() > 0, "zoe's open connection is closed");
        }

        for (String trace : java.util.List.of("\"" + subject + "\"", name, "&#64;" + subject)) {
            assertEquals(
                    0L,
                    ((Number) MeetingSteps.sql(
                                    "SELECT count(*) FROM message m JOIN room r ON r.id = m.room_id "
                                            + "WHERE r.organization_id = (SELECT id FROM organization WHERE slug = 'acme') "
                                            + "AND strpos(m.payload::text, ?) > 0",
                                    trace))
                            .longValue(),
                    "no message names " + trace);
        }
        assertEquals(
                0L,
                ((Number) MeetingSteps.sql("SELECT count(*) FROM audit_event WHERE actor = ?", subject)).longValue());
        assertEquals(
                0L,
                ((Number) MeetingSteps.sql("SELECT count(*) FROM room WHERE strpos(name, ?) > 0", subject))
                        .longValue());
        assertEquals(Boolean.FALSE, MeetingSteps.sql("SELECT active FROM member WHERE subject = ?", pseudonym));
        HttpResponse<String> verified = call("GET", "audit/verify", FRANK, null);
        assertTrue(json(verified.body()).getBoolean("intact"), verified::body);
        assertEquals(
                "MEMBER_UNKNOWN",
                json(call("GET", "me/data", zoeToken, null).body()).getString("code"),
                "zoe's credentials no longer name anyone");
        // what zoe did stays, under the pseudonym
        JsonObject history = json(call("GET", "compliance/members/" + pseudonym + "/data", ERIN, null)
                .body());
        assertTrue(history.getJsonArray("messages").size() >= 2, history::toString);
        assertEquals(
                1L,
                ((Number) MeetingSteps.sql(
                                "SELECT count(*) FROM audit_event WHERE action = 'compliance.member.erasure' "
                                        + "AND strpos(detail::text, ?) = 0 AND strpos(target, ?) = 0 AND target LIKE "
                                        + "'member:erased:%'",
                                subject, subject))
                        .longValue(),
                "the erasure is audited under the pseudonym");
    }

    /**
     * No keystroke holds a card number, so text typed into a document is screened after the typist pauses:
     * the number typed key by key is found once (a flagged finding: it was not masked), and not again when
     * the document is screened after more typing.
     */
    @Test
    void aCardNumberTypedKeyByKeyIntoADocumentIsFoundOnceAfterThePause() throws Exception {
        HttpResponse<String> created = post(api("documents"), ALICE, "{\"title\":\"Typed " + System.nanoTime() + "\"}");
        assertEquals(201, created.statusCode(), created::body);
        long doc = json(created.body()).getJsonNumber("id").longValue();
        String typed = "Card 5105 1051 0510 5100 for the caterer.";
        try (Editor alice = new Editor(ws(), "alice", doc, 1).open()) {
            for (int i = 0; i < typed.length(); i++) {
                String op = i == 0 ? "[\"" + typed.charAt(0) + "\"]" : "[" + i + ", \"" + typed.charAt(i) + "\"]";
                assertEquals("doc.ack", alice.submitRaw("k" + i, i, op).getString("type"));
            }
            JsonObject finding = null;
            for (int i = 0; i < 100 && finding == null; i++) {
                Thread.sleep(100);
                finding = array(call("GET", "compliance/findings?status=open", ERIN, null)
                                .body())
                        .stream()
                        .map(v -> v.asJsonObject())
                        .filter(f -> ("document:" + doc).equals(f.getString("reference", null)))
                        .findFirst()
                        .orElse(null);
            }
            assertTrue(finding != null, "the typed number is found after the pause");
            assertEquals("payment_card", finding.getString("category"));
            assertEquals("flag", finding.getString("action"), "typed text is let through: the finding says so");
            assertFalse(finding.getString("excerpt").contains("5105"), finding::toString);

            // more typing elsewhere in the document: screened again, the same number is not found twice
            int at = typed.length();
            for (char c : " Thanks.".toCharArray()) {
                assertEquals(
                        "doc.ack",
                        alice.submitRaw("m" + at, at, "[" + at + ", \"" + c + "\"]")
                                .getString("type"));
                at++;
            }
            Thread.sleep(4_500);
            assertEquals(
                    1L,
                    ((Number) MeetingSteps.sql(
                                    "SELECT count(*) FROM compliance_finding WHERE reference = ?", "document:" + doc))
                            .longValue());
        }
    }

    /** The next frame of the type whose data the test accepts, skipping others. */
    private static JsonObject nextOf(
            QuorumClient client, String type, java.util.function.Predicate<JsonObject> wanted) {
        while (true) {
            JsonObject frame = client.next();
            if (frame.getString("type").equals(type) && wanted.test(frame.getJsonObject("data"))) {
                return frame.getJsonObject("data");
            }
        }
    }

    private long createDeadline(String officer, String title, java.time.LocalDate dueOn) throws Exception {
        HttpResponse<String> created = post(
                api("compliance/deadlines"),
                officer,
                "{\"title\":\"" + title + "\",\"kind\":\"filing\",\"dueOn\":\"" + dueOn + "\"}");
        assertEquals(201, created.statusCode(), created::body);
        return json(created.body()).getJsonNumber("id").longValue();
    }

    private long remindersOf(long deadline) throws Exception {
        return ((Number) MeetingSteps.sql(
                        "SELECT count(*) FROM message WHERE type = 'deadline.reminder' "
                                + "AND (payload->>'deadline')::bigint = ?",
                        deadline))
                .longValue();
    }

    /**
     * Deadlines are reminded once per stage (30 days, 7 days, the day, overdue — overdue to the admins too),
     * whatever the sweeps; a done deadline no more. Overdue deadlines raise the organization's risk: its level
     * changes are announced, up and down again.
     */
    @Test
    void deadlinesAreRemindedOncePerStageAndOverdueOnesRaiseTheRisk() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String run = Long.toString(System.nanoTime());
        // an organization of its own: its risk starts low, whatever the other tests leave open elsewhere
        String slug = "risk-" + run;
        MeetingSteps.sql("INSERT INTO organization (slug, name) VALUES (?, ?)", slug, "Risk " + run);
        for (String[] member :
                java.util.List.of(new String[] {"olivia", "Olivia Officer"}, new String[] {"oscar", "Oscar Admin"})) {
            MeetingSteps.sql(
                    "INSERT INTO member (organization_id, subject, display_name) SELECT id, ?, ? FROM organization "
                            + "WHERE slug = ?",
                    member[0],
                    member[1],
                    slug);
        }
        String officer = Tokens.valid(slug, "olivia", "member", "compliance_officer");
        String admin = Tokens.valid(slug, "oscar", "member", "admin");
        assertEquals(
                400,
                post(api("compliance/deadlines"), officer, "{\"title\":\"x\",\"dueOn\":\"tomorrow\"}")
                        .statusCode());
        assertEquals(
                403,
                post(api("compliance/deadlines"), ALICE, "{\"title\":\"x\",\"dueOn\":\"" + today + "\"}")
                        .statusCode());
        java.math.BigDecimal before = json("{\"r\":"
                        + call("GET", "compliance/risk", officer, null).body() + "}")
                .getJsonArray("r")
                .getJsonObject(0)
                .getJsonNumber("score")
                .bigDecimalValue();
        try (QuorumClient erin = QuorumClient.withToken(ws(), officer);
                QuorumClient frank = QuorumClient.withToken(ws(), admin)) {
            // erin and frank stand for the new organization's officer and admin
            erin.welcome();
            frank.welcome();
            long month = createDeadline(officer, "Annual report " + run, today.plusDays(30));
            long week = createDeadline(officer, "Proxy statement " + run, today.plusDays(5));
            long due = createDeadline(officer, "Policy review " + run, today);
            // one sweep sends them soonest due first: collected in any order
            java.util.Map<Long, JsonObject> reminded = new java.util.HashMap<>();
            while (reminded.size() < 3) {
                JsonObject reminder = nextOf(erin, "deadline.reminder", d -> java.util.Set.of(month, week, due)
                        .contains(d.getJsonNumber("deadline").longValue()));
                reminded.put(reminder.getJsonNumber("deadline").longValue(), reminder);
            }
            assertEquals("thirty_days", reminded.get(month).getString("stage"));
            assertEquals("seven_days", reminded.get(week).getString("stage"));
            assertEquals(5, reminded.get(week).getInt("daysLeft"));
            assertEquals("today", reminded.get(due).getString("stage"));

            // four overdue filings: 60 points, critical whatever else is open
            java.util.List<Long> overdue = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                overdue.add(createDeadline(officer, "Late filing " + i + " " + run, today.minusDays(2)));
            }
            JsonObject escalated = nextOf(
                    frank, "deadline.reminder", d -> d.getJsonNumber("deadline").longValue() == overdue.get(0));
            assertEquals("overdue", escalated.getString("stage"), "overdue deadlines go to the admins too");
            assertEquals(-2, escalated.getInt("daysLeft"));
            JsonObject risen = nextOf(
                    erin,
                    "risk.level",
                    d -> d.getString("scope").equals("organization")
                            && d.getString("level").equals("critical"));
            assertTrue(
                    risen.getJsonNumber("score").bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(60)) >= 0,
                    risen::toString);

            Thread.sleep(4_500); // two more sweeps: nothing is reminded twice
            for (long deadline : java.util.List.of(month, week, due, overdue.get(0))) {
                assertEquals(1, remindersOf(deadline), "deadline " + deadline + " reminded once");
            }

            for (long deadline : overdue) {
                assertEquals(
                        204,
                        post(api("compliance/deadlines/" + deadline + "/done"), officer, "")
                                .statusCode());
            }
            JsonObject fallen = nextOf(
                    erin,
                    "risk.level",
                    d -> d.getString("scope").equals("organization")
                            && d.getString("previous", "").equals("critical"));
            assertFalse(fallen.getString("level").equals("critical"), fallen::toString);
            assertEquals(
                    404,
                    post(api("compliance/deadlines/" + overdue.get(0) + "/done"), officer, "")
                            .statusCode(),
                    "done already");
        } finally {
            MeetingSteps.sql(
                    "UPDATE compliance_deadline SET status = 'cancelled' WHERE title LIKE ? AND status = 'open'",
                    "%" + run);
        }
        JsonArray listed =
                array(call("GET", "compliance/deadlines", officer, null).body());
        assertTrue(
                listed.stream()
                        .anyMatch(d -> d.asJsonObject().getString("title").equals("Annual report " + run)
                                && d.asJsonObject().getString("lastReminder").equals("thirty_days")),
                listed::toString);
        assertEquals(
                1L,
                ((Number) MeetingSteps.sql(
                                "SELECT count(*) FROM audit_event WHERE action = 'compliance.deadline.create' "
                                        + "AND target = ?",
                                "deadline:" + listed.getJsonObject(0).getJsonNumber("id")))
                        .longValue());
    }

    /** The next compliance alert about the given finding (any finding when 0) on the connection. */
    private static JsonObject alert(QuorumClient client, long finding) {
        while (true) {
            JsonObject frame = client.next();
            if (frame.getString("type").equals("compliance.alert")
                    && (finding == 0
                            || frame.getJsonObject("data")
                                            .getJsonNumber("finding")
                                            .longValue()
                                    == finding)) {
                return frame.getJsonObject("data");
            }
        }
    }

    /**
     * A critical finding alerts every online compliance officer at once (and the compliance room, kept),
     * again every repeat period until acknowledged, and after two repeats the admins too; acknowledged, it
     * stops.
     */
    @Test
    void aCriticalFindingAlertsTheOfficersUntilAcknowledgedAndThenTheAdmins() throws Exception {
        long room = roomId("acme", "Acme — everyone");
        String frankToken = Tokens.valid("acme", "frank", "member", "admin");
        HttpResponse<String> critical =
                call("PUT", "compliance/rules/phone", ERIN, "{\"severity\":\"critical\",\"action\":\"flag\"}");
        assertEquals(200, critical.statusCode(), critical::body);
        try (QuorumClient erin = QuorumClient.withToken(ws(), ERIN);
                QuorumClient frank = QuorumClient.withToken(ws(), frankToken);
                QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            erin.welcome();
            frank.welcome();
            alice.welcome();
            alice.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            alice.next("joined");
            assertEquals(
                    "ack",
                    publish(alice, room, "Call me on +1 415 867 5309 tonight").getString("type"));

            JsonObject first = alert(erin, 0);
            long finding = first.getJsonNumber("finding").longValue();
            assertEquals("phone", first.getString("category"));
            assertEquals("critical", first.getString("severity"));
            assertEquals("alice", first.getString("actor"));
            assertEquals(0, first.getInt("escalation"));
            assertFalse(first.getString("excerpt").contains("867 5309"), first::toString);
            assertEquals(1, alert(erin, finding).getInt("escalation"), "repeated while not acknowledged");
            JsonObject toAdmins = alert(frank, finding);
            assertEquals(2, toAdmins.getInt("escalation"), "the admins hear of it after two repeats");
            assertTrue(toAdmins.getBoolean("adminsAlerted"));

            assertEquals(
                    204,
                    call("POST", "compliance/findings/" + finding + "/acknowledge", ERIN, null)
                            .statusCode());
            erin.collect(Duration.ofMillis(500)); // a repeat already on its way may still arrive
            assertTrue(
                    erin.collect(Duration.ofSeconds(5)).stream()
                            .noneMatch(f -> f.getString("type").equals("compliance.alert")
                                    && f.getJsonObject("data")
                                                    .getJsonNumber("finding")
                                                    .longValue()
                                            == finding),
                    "acknowledged: no more alerts");
            long kept = ((Number) MeetingSteps.sql(
                            "SELECT count(*) FROM message m JOIN room r ON r.id = m.room_id WHERE r.kind = 'compliance' "
                                    + "AND m.type = 'compliance.alert' AND m.priority = 'critical' "
                                    + "AND (m.payload->>'finding')::bigint = ?",
                            finding))
                    .longValue();
            assertTrue(kept >= 3, "every alert is kept in the compliance room: " + kept);
        } finally {
            call("PUT", "compliance/rules/phone", ERIN, "{\"severity\":\"low\",\"action\":\"flag\"}");
        }
    }

    /** GDPR right of access: a member exports their own data, an officer anyone's; each export is audited. */
    @Test
    void aMembersDataIsExportedToThemAndToOfficersAndTheExportIsAudited() throws Exception {
        long room = roomId("acme", "Acme — everyone");
        try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            alice.welcome();
            alice.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
            alice.next("joined");
            assertEquals(
                    "ack", publish(alice, room, "For the record: export test").getString("type"));
        }
        HttpResponse<String> own = call("GET", "me/data", ALICE, null);
        assertEquals(200, own.statusCode(), own::body);
        JsonObject mine = json(own.body());
        assertEquals("alice", mine.getJsonObject("member").getString("subject"));
        assertTrue(mine.getJsonObject("member").getJsonArray("roles").toString().contains("member"));
        assertTrue(
                mine.getJsonArray("messages").stream()
                        .anyMatch(m -> m.toString().contains("For the record: export test")),
                "the messages she sent are in it");
        for (String section : java.util.List.of(
                "rooms",
                "meetings",
                "namedVotes",
                "comments",
                "documentsEdited",
                "auditEntries",
                "complianceFindings")) {
            assertTrue(mine.containsKey(section), section);
        }
        HttpResponse<String> byOfficer = call("GET", "compliance/members/alice/data", ERIN, null);
        assertEquals(200, byOfficer.statusCode(), byOfficer::body);
        assertEquals("alice", json(byOfficer.body()).getJsonObject("member").getString("subject"));
        assertEquals(
                403,
                call("GET", "compliance/members/alice/data", Tokens.valid("acme", "bob", "member"), null)
                        .statusCode());
        assertEquals(
                404,
                call("GET", "compliance/members/nobody-here/data", ERIN, null).statusCode());
        assertEquals(
                404,
                call("GET", "compliance/members/gina/data", ERIN, null).statusCode(),
                "a member of another organization is not found");
        assertTrue(
                ((Number) MeetingSteps.sql("SELECT count(*) FROM audit_event WHERE action = 'compliance.member.export' "
                                        + "AND target = 'member:alice' AND actor = 'erin'"))
                                .longValue()
                        >= 1);
    }
}
