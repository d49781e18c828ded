package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input over every documented message type and REST call: at least 10,000 frames and 1,000
 * requests, valid ones and mutated ones. Whatever arrives, the server answers: never INTERNAL_ERROR, never
 * a 5xx, never an error code the protocol does not document, never HTML, a stack trace or SQL text, never
 * a SEVERE log line; and the connection stays open, since no refusal of a frame closes it. Seeded: run
 * again with {@code -Dquorum.fuzz.seed=...} to replay a failure.
 */
class FuzzIT extends QuorumIT {

    static final long SEED = Long.getLong("quorum.fuzz.seed", new Random().nextLong());
    static final int FRAMES = Integer.getInteger("quorum.fuzz.frames", 10_000);
    static final int REQUESTS = Integer.getInteger("quorum.fuzz.requests", 1_000);

    static final String ALICE = Tokens.valid("acme", "alice", "member");
    static final String DAVE = Tokens.valid("acme", "dave", "member", "chair");
    static final String FRANK = Tokens.valid("acme", "frank", "member", "admin");
    static final String ERIN = Tokens.valid("acme", "erin", "member", "compliance_officer");
    static final String CAROL = Tokens.valid("acme", "carol", "member", "secretary");
    static final String OPERATOR = Tokens.valid("acme", "frank", "platform_admin");

    /** Every message type of the protocol, and one it does not know. */
    static final List<String> FRAME_TEMPLATES = List.of(
            "{\"type\":\"ping\",\"id\":\"{id}\"}",
            "{\"type\":\"join\",\"id\":\"{id}\",\"data\":{\"room\":{room}}}",
            "{\"type\":\"leave\",\"id\":\"{id}\",\"data\":{\"room\":{room}}}",
            "{\"type\":\"resume\",\"id\":\"{id}\",\"data\":{\"room\":{room},\"afterSeq\":0}}",
            "{\"type\":\"publish\",\"id\":\"{id}\",\"data\":{\"room\":{room},\"id\":\"{id}\",\"priority\":\"normal\","
                    + "\"type\":\"chat\",\"data\":{\"text\":\"fuzz {id}\"}}}",
            "{\"type\":\"direct\",\"id\":\"{id}\",\"data\":{\"to\":\"bob\",\"id\":\"{id}\",\"priority\":\"low\","
                    + "\"type\":\"chat\",\"data\":{\"text\":\"hello\"}}}",
            "{\"type\":\"history\",\"id\":\"{id}\",\"data\":{\"room\":{room},\"beforeSeq\":100,\"limit\":5}}",
            "{\"type\":\"presence\",\"id\":\"{id}\",\"data\":{\"room\":{room}}}",
            "{\"type\":\"typing\",\"id\":\"{id}\",\"data\":{\"room\":{room}}}",
            "{\"type\":\"cursor\",\"id\":\"{id}\",\"data\":{\"room\":{room},\"position\":{\"line\":1,\"column\":2}}}",
            "{\"type\":\"status\",\"id\":\"{id}\",\"data\":{\"status\":\"away\"}}",
            "{\"type\":\"auth.refresh\",\"id\":\"{id}\",\"data\":{\"token\":\"{token}\"}}",
            "{\"type\":\"meeting.state\",\"id\":\"{id}\",\"data\":{\"meeting\":{meeting}}}",
            "{\"type\":\"meeting.checkin\",\"id\":\"{id}\",\"data\":{\"meeting\":{meeting}}}",
            "{\"type\":\"meeting.checkout\",\"id\":\"{id}\",\"data\":{\"meeting\":{meeting}}}",
            "{\"type\":\"motion.propose\",\"id\":\"{id}\",\"data\":{\"meeting\":{meeting},\"title\":\"Fuzz\","
                    + "\"body\":\"b\",\"agendaItem\":1,\"options\":[\"for\",\"against\"],\"threshold\":\"majority\","
                    + "\"abstentionsCount\":false,\"ballot\":\"named\",\"runningResults\":true,"
                    + "\"votingSeconds\":600}}",
            "{\"type\":\"motion.second\",\"id\":\"{id}\",\"data\":{\"motion\":{motion}}}",
            "{\"type\":\"meeting.start\",\"id\":\"{id}\",\"data\":{\"meeting\":{meeting}}}",
            "{\"type\":\"meeting.adjourn\",\"id\":\"{id}\",\"data\":{\"meeting\":{meeting}}}",
            "{\"type\":\"meeting.agenda.close\",\"id\":\"{id}\",\"data\":{\"item\":1}}",
            "{\"type\":\"motion.withdraw\",\"id\":\"{id}\",\"data\":{\"motion\":{motion}}}",
            "{\"type\":\"motion.table\",\"id\":\"{id}\",\"data\":{\"motion\":{motion}}}",
            "{\"type\":\"motion.resume\",\"id\":\"{id}\",\"data\":{\"motion\":{motion}}}",
            "{\"type\":\"motion.extend\",\"id\":\"{id}\",\"data\":{\"motion\":{motion},\"seconds\":60}}",
            "{\"type\":\"motion.open\",\"id\":\"{id}\",\"data\":{\"motion\":{motion}}}",
            "{\"type\":\"motion.close\",\"id\":\"{id}\",\"data\":{\"motion\":{motion}}}",
            "{\"type\":\"vote\",\"id\":\"{id}\",\"data\":{\"motion\":{motion},\"choice\":\"for\","
                    + "\"onBehalfOf\":\"bob\"}}",
            "{\"type\":\"vote.verify\",\"id\":\"{id}\",\"data\":{\"motion\":{motion},\"receipt\":\"ABCD-1234\"}}",
            "{\"type\":\"doc.open\",\"id\":\"{id}\",\"data\":{\"doc\":{doc}}}",
            "{\"type\":\"doc.op\",\"id\":\"{id}\",\"data\":{\"doc\":{doc},\"baseRevision\":0,\"id\":\"{id}\","
                    + "\"op\":[1,\"\u00e9 x\",{\"d\":1}]}}",
            "{\"type\":\"doc.lock\",\"id\":\"{id}\",\"data\":{\"doc\":{doc},\"start\":0,\"end\":1,\"revision\":0,"
                    + "\"reason\":\"fuzz\",\"seconds\":1}}",
            "{\"type\":\"doc.lock.renew\",\"id\":\"{id}\",\"data\":{\"doc\":{doc},\"lock\":1,\"seconds\":1}}",
            "{\"type\":\"doc.unlock\",\"id\":\"{id}\",\"data\":{\"doc\":{doc},\"lock\":1}}",
            "{\"type\":\"transcript.submit\",\"id\":\"{id}\",\"data\":{\"meeting\":{meeting},\"id\":\"{id}\","
                    + "\"text\":\"fuzz\",\"source\":\"speech\",\"speaker\":\"bob\",\"startedAt\":\"2026-12-01T09:00:00Z\","
                    + "\"language\":\"en\",\"confidence\":0.5,\"agendaItem\":1}}",
            "{\"type\":\"no.such.type\",\"id\":\"{id}\",\"data\":{}}");

    /** Path segments and query values a hostile client puts where an id or a name belongs. */
    static final List<String> SEGMENTS = List.of(
            "abc",
            "-1",
            "0",
            "1.5",
            "99999999999999999999",
            "%00",
            "a%00b",
            "%ED%A0%80",
            "%EF%BF%BE",
            "%C0%AF",
            "%2E%2E",
            "%20",
            "%F0%9F%91%8D",
            "%25",
            "%3Cscript%3E",
            "'%20OR%201=1");

    static final Pattern DOCUMENTED_CODE = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE);

    Set<String> documentedCodes;
    HostileInput hostile;
    long room;
    String tenant;
    String provisioning;
    String scimUser;
    long meeting;
    long motion;
    long doc;

    @BeforeEach
    void prepare() throws Exception {
        Matcher codes = DOCUMENTED_CODE.matcher(Files.readString(Path.of("..", "docs", "protocol.md")));
        documentedCodes = codes.results().map(m -> m.group(1)).collect(Collectors.toSet());
        assertTrue(documentedCodes.contains("INVALID_MESSAGE"), "protocol.md lists its error codes");
        hostile = new HostileInput(SEED);
        System.out.println("FuzzIT seed " + SEED + " (replay with -Dquorum.fuzz.seed=" + SEED + ")");
        room = roomId("acme", "Acme — everyone");
        String body = "{\"kind\":\"board\",\"title\":\"Fuzz " + UUID.randomUUID() + "\",\"scheduledAt\":\""
                + Instant.now() + "\",\"participants\":[{\"member\":\"alice\"},{\"member\":\"bob\"},"
                + "{\"member\":\"dave\"}],\"agenda\":[\"Accounts\"]}";
        HttpResponse<String> created = post(api("meetings"), DAVE, body);
        assertEquals(201, created.statusCode(), created.body());
        meeting = MeetingSteps.meetingId(json(created.body()));
        HttpResponse<String> document = post(api("documents"), ALICE, "{\"title\":\"Fuzz paper\"}");
        assertEquals(201, document.statusCode(), document.body());
        doc = json(document.body()).getJsonNumber("id").longValue();
        try (QuorumClient alice = QuorumClient.withToken(ws(), ALICE)) {
            alice.welcome();
            MeetingSteps.ok(MeetingSteps.command(alice, "meeting.checkin", "{\"meeting\":" + meeting + "}"));
            motion = MeetingSteps.propose(alice, meeting, "");
        }
        tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(
                201,
                post(api("platform/organizations"), OPERATOR, "{\"slug\":\"" + tenant + "\",\"name\":\"Fuzz\"}")
                        .statusCode());
        HttpResponse<String> issued = post(
                api("platform/organizations/" + tenant + "/provisioning-tokens"), OPERATOR, "{\"label\":\"fuzz\"}");
        assertEquals(201, issued.statusCode(), issued.body());
        provisioning = json(issued.body()).getString("secret");
        HttpResponse<String> user = call("POST", "scim/v2/Users", provisioning, "{\"userName\":\"fuzzed\"}");
        assertEquals(201, user.statusCode(), user.body());
        scimUser = json(user.body()).getString("id");
    }

    @Test
    void framesOfEveryTypeMutatedNeverBreakTheServerOrTheConnection() throws Exception {
        double severeBefore = logRecords("SEVERE");
        Map<String, Integer> answers = new TreeMap<>();
        QuorumClient[] clients = {connect(ALICE), connect(DAVE)};
        try {
            for (int i = 0; i < FRAMES; i++) {
                int who = hostile.nextInt(3) == 0 ? 1 : 0;
                String template = hostile.pick(FRAME_TEMPLATES);
                String frame = i % 1000 == 999
                        ? "{\"type\":\"ping\",\"x\":\"" + "x".repeat(70_000) + "\"}"
                        : hostile.mutate(HostileInput.fill(
                                template,
                                Map.of(
                                        "id", "f" + i,
                                        "room", room,
                                        "meeting", meeting,
                                        "motion", motion,
                                        "doc", doc,
                                        "token", who == 1 ? DAVE : ALICE)));
                QuorumClient client = clients[who];
                client.send(frame);
                client.send("{\"type\":\"ping\",\"id\":\"sync-" + i + "\"}");
                List<JsonObject> received = untilPong(client, "sync-" + i);
                for (JsonObject answer : received) {
                    String type = answer.getString("type");
                    if (type.equals("error")) {
                        String code = answer.getJsonObject("data").getString("code");
                        assertFalse(code.equals("INTERNAL_ERROR"), () -> "INTERNAL_ERROR for " + shorten(frame));
                        assertTrue(
                                documentedCodes.contains(code),
                                () -> "undocumented code " + code + " for " + shorten(frame));
                        answers.merge("error " + code, 1, Integer::sum);
                    } else if (!type.equals("pong") || answer.containsKey("replyTo")) {
                        answers.merge(type, 1, Integer::sum);
                    }
                }
                if (received.isEmpty() || !client.isOpen()) {
                    // the one close the protocol allows a client that reads everything: a replay (resume from
                    // far back, repeated) outran it, and the slow-consumer policy closed it (4008, 4009)
                    int code = client.awaitClose();
                    assertTrue(
                            code == 4008 || code == 4009,
                            () -> "the connection closed with " + code + " after " + shorten(frame));
                    answers.merge("closed " + code, 1, Integer::sum);
                    clients[who] = connect(who == 1 ? DAVE : ALICE);
                }
            }
        } finally {
            for (QuorumClient client : clients) {
                client.close();
            }
        }
        System.out.println("FuzzIT frames: " + FRAMES + " sent, answers " + answers);
        int accepted = answers.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("error") && !e.getKey().startsWith("closed"))
                .mapToInt(Map.Entry::getValue)
                .sum();
        assertTrue(accepted > FRAMES / 10, () -> "too few frames were accepted to exercise the handlers: " + answers);
        assertTrue(answers.keySet().stream().filter(k -> k.startsWith("error")).count() >= 8, answers::toString);
        assertTrue(
                answers.keySet().stream()
                                .filter(k -> k.startsWith("closed"))
                                .mapToInt(answers::get)
                                .sum()
                        <= FRAMES / 500,
                answers::toString);
        assertEquals(severeBefore, logRecords("SEVERE"), "SEVERE log records during the frames (see the server log)");
    }

    private QuorumClient connect(String token) {
        QuorumClient client = QuorumClient.withToken(ws(), token);
        client.welcome();
        return client;
    }

    @Test
    void requestsToEveryCallMutatedAnswerJsonWithA4xxAtWorst() throws Exception {
        double severeBefore = logRecords("SEVERE");
        List<Call> calls = List.of(
                new Call(
                        "POST",
                        "dev/tokens",
                        "{\"organization\":\"acme\",\"member\":\"alice\",\"ttlSeconds\":60}",
                        null),
                new Call("GET", "dev/organizations", null, null),
                new Call("GET", "dev/members?organization=acme", null, null),
                new Call("POST", "tickets", null, ALICE),
                new Call("GET", "rooms", null, ALICE),
                new Call("GET", "members", null, CAROL),
                new Call("GET", "admin/stats", null, FRANK),
                new Call("GET", "admin/meeting-defaults", null, FRANK),
                new Call("GET", "meetings/defaults", null, CAROL),
                new Call("POST", "auth/session/token", null, null),
                new Call("POST", "auth/session/sign-out", null, null),
                new Call("GET", "admin/rooms", null, FRANK),
                new Call("POST", "admin/broadcast", "{\"room\":{room},\"priority\":\"low\",\"text\":\"fuzz\"}", FRANK),
                new Call(
                        "POST",
                        "admin/rooms",
                        "{\"kind\":\"division\",\"name\":\"Fuzz {n}\",\"accessRule\":\"roles\","
                                + "\"accessRoles\":[\"chair\",\"admin\"]}",
                        FRANK),
                new Call("PUT", "admin/rooms/{room}/members/bob", null, FRANK),
                new Call("DELETE", "admin/rooms/{room}/members/bob", null, FRANK),
                new Call("POST", "admin/members/nobody/disconnect", null, FRANK),
                new Call("GET", "platform/stats", null, OPERATOR),
                new Call("GET", "platform/organizations", null, OPERATOR),
                new Call("POST", "platform/organizations", "{\"slug\":\"fuzz-{n}\",\"name\":\"Fuzz {n}\"}", OPERATOR),
                new Call("GET", "platform/organizations/{tenant}/provisioning-tokens", null, OPERATOR),
                new Call("POST", "platform/organizations/{tenant}/resume", null, OPERATOR),
                new Call(
                        "POST",
                        "scim/v2/Users",
                        "{\"userName\":\"fuzz-{n}\",\"name\":{\"givenName\":\"F\"},"
                                + "\"emails\":[{\"value\":\"f@x\",\"primary\":true}],\"active\":true}",
                        "{provisioning}"),
                new Call(
                        "GET",
                        "scim/v2/Users?filter=userName%20eq%20%22fuzzed%22&startIndex=1&count=5",
                        null,
                        "{provisioning}"),
                new Call(
                        "PATCH",
                        "scim/v2/Users/{user}",
                        "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"displayName\","
                                + "\"value\":\"Fuzz {n}\"},{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\","
                                + "\"value\":\"w@x\"}]}",
                        "{provisioning}"),
                new Call("PUT", "scim/v2/Users/{user}", "{\"userName\":\"fuzzed\",\"active\":true}", "{provisioning}"),
                new Call(
                        "POST",
                        "scim/v2/Groups",
                        "{\"displayName\":\"Chair {n}\",\"members\":[{\"value\":\"{user}\"}]}",
                        "{provisioning}"),
                new Call("GET", "scim/v2/Groups?excludedAttributes=members", null, "{provisioning}"),
                new Call(
                        "POST",
                        "meetings",
                        "{\"kind\":\"member\",\"title\":\"Fuzz {n}\",\"scheduledAt\":\"2026-12-01T09:00:00Z\","
                                + "\"quorumRule\":\"count\",\"quorumValue\":1,\"participants\":[{\"member\":\"alice\","
                                + "\"weight\":2.5}],\"agenda\":[\"One\",\"Two\"]}",
                        DAVE),
                new Call("GET", "meetings", null, DAVE),
                new Call("GET", "meetings/{meeting}", null, ALICE),
                new Call("GET", "meetings/{meeting}/motions/{motion}/minute", null, ALICE),
                new Call("GET", "meetings/{meeting}/proxies", null, ALICE),
                new Call("POST", "meetings/{meeting}/proxies", "{\"holder\":\"bob\",\"motion\":{motion}}", ALICE),
                new Call("DELETE", "meetings/{meeting}/proxies/1", null, ALICE),
                new Call("POST", "documents", "{\"title\":\"Fuzz {n}\",\"kind\":\"minutes\"}", ALICE),
                new Call("GET", "documents", null, ALICE),
                new Call("GET", "documents/{doc}", null, ALICE),
                new Call("PATCH", "documents/{doc}", "{\"title\":\"Fuzz {n}\",\"status\":\"in_review\"}", ALICE),
                new Call("GET", "documents/{doc}/revisions/0", null, ALICE),
                new Call("GET", "documents/{doc}/history", null, ALICE),
                new Call("POST", "documents/{doc}/restore", "{\"revision\":0}", ALICE),
                new Call("GET", "documents/{doc}/export/markdown", null, ALICE),
                new Call("GET", "documents/{doc}/export/html?revision=0", null, ALICE),
                new Call("GET", "documents/{doc}/preview", null, ALICE),
                new Call(
                        "POST",
                        "documents/{doc}/comments",
                        "{\"start\":0,\"end\":0,\"revision\":0,\"body\":\"@bob fuzz {n}\"}",
                        ALICE),
                new Call("GET", "documents/{doc}/comments", null, ALICE),
                new Call("POST", "documents/{doc}/comments/1/replies", "{\"body\":\"fuzz {n}\"}", ALICE),
                new Call("POST", "documents/{doc}/comments/1/resolve", null, ALICE),
                new Call("PATCH", "documents/{doc}/comments/entries/1", "{\"body\":\"fuzz {n}\"}", ALICE),
                new Call("GET", "mentions", null, ALICE),
                new Call("POST", "mentions/seen/{doc}", null, ALICE),
                new Call("GET", "me/data", null, ALICE),
                new Call("GET", "compliance/members/alice/data", null, FRANK),
                new Call("POST", "compliance/scan", "{\"text\":\"fuzz {n} 4111 1111 1111 1111\"}", FRANK),
                new Call("GET", "compliance/findings?status=open", null, FRANK),
                new Call("POST", "compliance/scan", "{\"text\":\"Q3 revenue {n}m\",\"room\":{room}}", FRANK),
                new Call(
                        "PUT",
                        "compliance/rules/mnpi",
                        "{\"releaseDates\":[\"2027-02-14\"],\"blackoutDays\":{n}}",
                        FRANK),
                new Call(
                        "PUT",
                        "compliance/rules/information_barrier",
                        "{\"barriers\":[{\"divisions\":[\"Fuzz {n}\",\"Fuzz B\"]}]}",
                        FRANK),
                new Call("GET", "compliance/risk", null, FRANK),
                new Call("GET", "compliance/deadlines", null, FRANK),
                new Call(
                        "POST",
                        "compliance/deadlines",
                        "{\"title\":\"Fuzz {n}\",\"kind\":\"filing\",\"dueOn\":\"2027-01-31\"}",
                        ERIN),
                new Call("POST", "compliance/deadlines/1/done", null, ERIN),
                // a member that does not exist: a mutated body never names a real one and its id at once
                new Call("POST", "compliance/members/fuzz-ghost/erasure", "{\"confirm\":\"fuzz-ghost\"}", ERIN),
                new Call("GET", "admin/encryption", null, FRANK),
                new Call("POST", "admin/encryption/rotate", null, FRANK),
                new Call("PUT", "admin/rooms/{room}/confidential", "{\"confidential\":true}", FRANK),
                new Call("POST", "meetings/{meeting}/transcript", "{\"id\":\"fuzz-{n}\",\"text\":\"fuzz {n}\"}", ALICE),
                new Call("GET", "meetings/{meeting}/transcript?q=fuzz&after=0&limit=5", null, ALICE),
                new Call("GET", "meetings/{meeting}/analysis", null, ALICE),
                new Call("POST", "meetings/{meeting}/analysis/summaries", "{\"agendaItem\":1}", CAROL),
                new Call("GET", "admin/analysis", null, FRANK),
                new Call("PUT", "admin/analysis", "{\"engine\":\"local\"}", FRANK),
                new Call("GET", "admin/integrations", null, FRANK),
                new Call("POST", "admin/integrations", "{\"name\":\"fuzz\"}", FRANK),
                new Call("DELETE", "admin/integrations/fuzz-none", null, FRANK),
                new Call("GET", "audit/verify", null, FRANK),
                new Call("GET", "client-config", null, null));
        List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
        List<String> contentTypes = List.of(
                "text/plain", "application/xml", "application/json; charset=ISO-8859-1", "multipart/form-data", "*/*");
        List<String> tokens = List.of(
                "garbage",
                Tokens.valid("globex", "gina", "member", "admin"),
                Tokens.expired("acme", "alice"),
                Tokens.with(
                        "acme",
                        "alice",
                        b -> b.notBeforeTime(java.util.Date.from(Instant.now().plusSeconds(3600)))),
                Tokens.signedByAnotherKey("acme", "alice"),
                provisioning);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Call call = hostile.pick(calls);
            String path = HostileInput.fill(
                    call.path(),
                    Map.of(
                            "room", room, "meeting", meeting, "motion", motion, "doc", doc, "tenant", tenant, "user",
                            scimUser));
            String body = call.body() == null
                    ? null
                    : HostileInput.fill(
                            call.body(), Map.of("room", room, "motion", motion, "n", i, "doc", doc, "user", scimUser));
            String method = call.method();
            String contentType = "application/json";
            String token = "{provisioning}".equals(call.token()) ? provisioning : call.token();
            switch (hostile.nextInt(8)) {
                case 0, 1, 2 -> body = body == null ? null : hostile.mutate(body);
                case 3 -> path = mutatePath(path);
                case 4 -> method = hostile.pick(methods);
                case 5 -> contentType = hostile.pick(contentTypes);
                case 6 -> token = hostile.pick(tokens);
                default -> {}
            }
            HttpResponse<String> response = send(method, path, body, contentType, token);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertAnswered(response, method + " " + path + " " + (body == null ? "" : shorten(body)));
        }
        System.out.println("FuzzIT requests: " + REQUESTS + " sent, statuses " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s < 300), statuses::toString);
        assertTrue(statuses.keySet().stream().filter(s -> s >= 400).count() >= 5, statuses::toString);
        assertEquals(severeBefore, logRecords("SEVERE"), "SEVERE log records during the requests (see the server log)");
    }

    /** The refusals the issue found as HTML pages and 500s, each now a JSON body with the right status. */
    @Test
    void restRefusalsAreJsonWithTheRightStatus() throws Exception {
        assertRefusal(send("POST", "admin/rooms", "{\"kind\":", "application/json", FRANK), 400, "MALFORMED_JSON");
        assertRefusal(
                send("POST", "admin/rooms", "[{\"kind\":\"division\"}]", "application/json", FRANK),
                400,
                "INVALID_MESSAGE");
        assertRefusal(
                send("POST", "admin/rooms", "{\"kind\":\"division\"}", "text/plain", FRANK),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> badDate = send(
                "POST",
                "meetings",
                "{\"kind\":\"board\",\"title\":\"T\",\"scheduledAt\":\"next tuesday\",\"participants\":[{\"member\":\"alice\"}]}",
                "application/json",
                DAVE);
        assertRefusal(badDate, 400, "INVALID_MESSAGE");
        assertTrue(json(badDate.body()).getString("message").contains("'scheduledAt'"), badDate::body);
        HttpResponse<String> nul = send(
                "POST",
                "admin/rooms",
                "{\"kind\":\"division\",\"name\":\"Bo\\u0000ard\",\"accessRule\":\"organization\"}",
                "application/json",
                FRANK);
        assertRefusal(nul, 400, "INVALID_MESSAGE");
        assertTrue(json(nul.body()).getString("message").contains("'name'"), nul::body);
        assertRefusal(send("GET", "meetings/abc", null, "application/json", DAVE), 404, "NOT_FOUND");
        assertRefusal(send("GET", "no/such/path", null, "application/json", DAVE), 404, "NOT_FOUND");
        assertRefusal(send("GET", "documents/1/export/pdf", null, "application/json", ALICE), 400, "INVALID_REQUEST");
        HttpResponse<String> wrongMethod = send("DELETE", "rooms", null, "application/json", ALICE);
        assertRefusal(wrongMethod, 405, "METHOD_NOT_ALLOWED");
        assertTrue(wrongMethod.headers().firstValue("Allow").isPresent(), wrongMethod.headers()::toString);
        assertRefusal(send("GET", "rooms", null, "application/json", null), 401, "CREDENTIAL_MISSING");
        assertRefusal(send("GET", "rooms", null, "application/json", "not.a.token"), 401, "TOKEN_INVALID");
        assertRefusal(send("GET", "admin/stats", null, "application/json", ALICE), 403, "FORBIDDEN");
        assertRefusal(
                send("POST", "dev/tokens", "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", "application/json", null),
                400,
                "NESTING_TOO_DEEP");
        // the natural form of a list of roles is a JSON array
        HttpResponse<String> created = send(
                "POST",
                "admin/rooms",
                "{\"kind\":\"division\",\"name\":\"Board only " + UUID.randomUUID()
                        + "\",\"accessRule\":\"roles\",\"accessRoles\":[\"chair\",\"secretary\"]}",
                "application/json",
                FRANK);
        assertEquals(201, created.statusCode(), created::body);
    }

    private static void assertRefusal(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> response.headers().toString());
        assertEquals(code, json(response.body()).getString("code"), response::body);
    }

    record Call(String method, String path, String body, String token) {}

    private String mutatePath(String path) {
        String[] segments = path.split("/");
        int index = hostile.nextInt(segments.length);
        segments[index] = hostile.pick(SEGMENTS);
        return String.join("/", segments);
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String token)
            throws Exception {
        URI uri = URI.create(base.toString().replaceAll("/$", "") + "/api/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertAnswered(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        String body = response.body();
        assertTrue(status < 500, () -> status + " for " + what + ": " + shorten(body));
        for (String leak : List.of("Exception", "\tat ", "SQL", "org.postgresql")) {
            assertFalse(body.contains(leak), () -> "'" + leak + "' in the answer to " + what + ": " + shorten(body));
        }
        if (status < 400) {
            // a success (or a path like /api/.. that leads out of the API to a page) is not a refusal
            return;
        }
        if (status == 400 && body.isEmpty()) {
            // Grizzly refuses a URI that does not decode (%00, overlong or surrogate UTF-8) before any of
            // Quorum runs: "400 Invalid URI" without a body, which leaks nothing
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(
                type.startsWith("application/json") || type.startsWith("application/scim+json"),
                () -> "Content-Type " + type + " for " + what + ": " + body);
        JsonObject error = json(body);
        assertTrue(
                documentedCodes.contains(error.getString("code")),
                () -> "undocumented code in " + body + " for " + what);
        assertFalse(error.getString("message").isBlank(), what);
    }

    /** What the client received up to the pong that answers the given id; less if the connection closed. */
    private static List<JsonObject> untilPong(QuorumClient client, String id) {
        List<JsonObject> received = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject message = client.poll(Duration.ofMillis(200));
            if (message == null) {
                if (!client.isOpen()) {
                    return received;
                }
                continue;
            }
            received.add(message);
            if (message.getString("type").equals("pong") && id.equals(message.getString("replyTo", null))) {
                return received;
            }
        }
        throw new AssertionError("no answer to the ping " + id + " within 20 s; open: " + client.isOpen());
    }

    private double logRecords(String level) throws Exception {
        List<String> lines = get(serverRoot("/metrics?scope=application"))
                .body()
                .lines()
                .filter(line ->
                        line.startsWith("quorum_log_records_total{") && line.contains("level=\"" + level + "\""))
                .toList();
        assertEquals(1, lines.size(), "the server counts its " + level + " log records");
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
