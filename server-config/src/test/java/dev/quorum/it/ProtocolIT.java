package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Frames on an open connection: answers, and errors that leave the connection open. */
class ProtocolIT extends QuorumIT {

    private QuorumClient connect() {
        QuorumClient client = QuorumClient.withToken(ws(), Tokens.valid("acme", "alice", "member"));
        client.welcome();
        return client;
    }

    @Test
    void pingIsAnsweredWithPongCarryingTheClientsId() {
        try (QuorumClient client = connect()) {
            client.send("{\"type\":\"ping\",\"id\":\"p-1\"}");
            JsonObject pong = client.next("pong");
            assertEquals("p-1", pong.getString("replyTo"));
            assertTrue(Instant.parse(pong.getJsonObject("data").getString("serverTime"))
                    .isBefore(Instant.now().plusSeconds(5)));
        }
    }

    @Test
    void malformedJsonGetsAnErrorAndTheConnectionStaysOpen() {
        try (QuorumClient client = connect()) {
            client.send("{\"type\":\"ping\",");
            assertError(client.next("error"), "MALFORMED_JSON");
            assertStillServed(client);
        }
    }

    @Test
    void anUnknownTypeGetsAnErrorNamingTheClientsIdAndTheConnectionStaysOpen() {
        try (QuorumClient client = connect()) {
            client.send("{\"type\":\"teleport\",\"id\":\"t-9\"}");
            JsonObject error = client.next("error");
            assertEquals("t-9", error.getString("replyTo"));
            assertError(error, "UNKNOWN_TYPE");
            assertStillServed(client);
        }
    }

    @Test
    void anEnvelopeWithoutTypeGetsAnError() {
        try (QuorumClient client = connect()) {
            client.send("{\"id\":\"x\",\"data\":{}}");
            assertError(client.next("error"), "INVALID_ENVELOPE");
            client.send("[\"ping\"]");
            assertError(client.next("error"), "INVALID_ENVELOPE");
            assertStillServed(client);
        }
    }

    @Test
    void anOversizedFrameGetsAnErrorAndTheConnectionStaysOpen() {
        try (QuorumClient client = connect()) {
            String padding = "x".repeat(70_000);
            client.send("{\"type\":\"ping\",\"data\":{\"padding\":\"" + padding + "\"}}");
            JsonObject error = client.next("error");
            assertError(error, "FRAME_TOO_LARGE");
            assertTrue(error.getJsonObject("data").getString("message").contains("65536"));
            assertStillServed(client);
        }
    }

    @Test
    void aFrameJustUnderTheLimitIsAccepted() {
        try (QuorumClient client = connect()) {
            String frameStart = "{\"type\":\"ping\",\"id\":\"big\",\"data\":{\"padding\":\"";
            String frameEnd = "\"}}";
            String padding = "x".repeat(65536 - frameStart.length() - frameEnd.length());
            client.send(frameStart + padding + frameEnd);
            assertEquals("big", client.next("pong").getString("replyTo"));
        }
    }

    @Test
    void aBinaryFrameGetsAnErrorAndTheConnectionStaysOpen() {
        try (QuorumClient client = connect()) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertError(client.next("error"), "BINARY_NOT_SUPPORTED");
            assertStillServed(client);
        }
    }

    @Test
    void stringsWithControlCharactersOrLoneSurrogatesAreRefusedNamingTheField() {
        try (QuorumClient client = connect()) {
            client.send("{\"type\":\"ping\",\"id\":\"\\ud800\"}");
            JsonObject error = client.next("error");
            assertFalse(error.containsKey("replyTo"), error::toString);
            assertError(error, "INVALID_MESSAGE");
            assertTrue(error.getJsonObject("data").getString("message").contains("'id'"), error::toString);
            client.send("{\"type\":\"direct\",\"id\":\"d1\",\"data\":{\"to\":\"bo\\u0000b\",\"id\":\"m1\","
                    + "\"type\":\"chat\",\"data\":{\"text\":\"hi\"}}}");
            error = client.next("error");
            assertEquals("d1", error.getString("replyTo"));
            assertError(error, "INVALID_MESSAGE");
            assertTrue(error.getJsonObject("data").getString("message").contains("'to'"), error::toString);
            assertStillServed(client);
        }
    }

    @Test
    void nestingDeeperThan32LevelsIsRefusedAtOnce() {
        try (QuorumClient client = connect()) {
            client.send("{\"type\":\"ping\",\"data\":{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}}");
            assertError(client.next("error"), "NESTING_TOO_DEEP");
            assertStillServed(client);
        }
    }

    @Test
    void aFrameBeyondTheContainersBufferClosesWith1011AndOthersAreServed() throws Exception {
        // one frame of 5 MiB, as a raw client sends it (the JDK's client would fragment it)
        try (RawWebSocket raw = RawWebSocket.connect(ws(), Tokens.valid("acme", "alice", "member"), 64 * 1024)) {
            assertTrue(raw.nextText().contains("\"welcome\""));
            try {
                raw.send("{\"type\":\"ping\",\"data\":{\"padding\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}");
            } catch (java.io.IOException closedWhileSending) {
                // the server may close before it read the whole frame
            }
            String next = raw.nextText();
            while (next != null) {
                next = raw.nextText();
            }
            assertEquals(1011, raw.closeCode());
        }
        try (QuorumClient client = connect()) {
            assertStillServed(client);
        }
    }

    private static void assertError(JsonObject error, String code) {
        JsonObject data = error.getJsonObject("data");
        assertEquals(code, data.getString("code"), error::toString);
        assertFalse(data.getString("message").isBlank());
    }

    private static void assertStillServed(QuorumClient client) {
        assertTrue(client.isOpen());
        client.send("{\"type\":\"ping\",\"id\":\"after\"}");
        assertEquals("after", client.next("pong").getString("replyTo"));
    }
}
