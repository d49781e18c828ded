package dev.quorum.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.StoredMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageFramesTest {

    @Test
    void aMessageFrameCarriesEverythingAnotherNodeNeeds() {
        StoredMessage message = new StoredMessage(
                7,
                42,
                Priority.HIGH,
                "chat",
                "{\"text\":\"<b>hi</b>\"}",
                "alice",
                "Alice Archer",
                "c-1",
                Instant.parse("2026-11-22T01:02:03.456Z"));
        assertEquals(message, MessageFrames.parse(MessageFrames.message(message)));
    }

    @Test
    void systemMessagesHaveNoSenderOrClientId() {
        StoredMessage message = new StoredMessage(
                1, 1, Priority.CRITICAL, "chat", "{\"text\":\"notice\"}", null, null, null, Instant.EPOCH);
        assertEquals(message, MessageFrames.parse(MessageFrames.message(message)));
    }
}
