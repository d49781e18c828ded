package dev.quorum.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundEnvelopeTest {

    @Test
    void readsTypeIdAndData() {
        InboundEnvelope envelope = InboundEnvelope.parse("{\"type\":\"ping\",\"id\":\"c-1\",\"data\":{\"n\":1}}");
        assertEquals("ping", envelope.type());
        assertEquals("c-1", envelope.id());
        assertEquals(1, envelope.data().getInt("n"));
    }

    @Test
    void missingIdAndDataAreAllowed() {
        InboundEnvelope envelope = InboundEnvelope.parse("{\"type\":\"ping\"}");
        assertNull(envelope.id());
        assertTrue(envelope.data().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json | MALFORMED_JSON",
                "'{\"type\":\"ping\"' | MALFORMED_JSON",
                "[1,2] | INVALID_ENVELOPE",
                "'\"ping\"' | INVALID_ENVELOPE",
                "{} | INVALID_ENVELOPE",
                "'{\"type\":\"\"}' | INVALID_ENVELOPE",
                "'{\"type\":7}' | INVALID_ENVELOPE",
                "'{\"type\":\"ping\",\"id\":5}' | INVALID_ENVELOPE",
                "'{\"type\":\"ping\",\"data\":[1]}' | INVALID_ENVELOPE",
                "'{\"type\":\"ping\",\"id\":\"\\ud800\"}' | INVALID_MESSAGE",
                "'{\"type\":\"pi\\u0000ng\"}' | INVALID_MESSAGE",
                "'{\"type\":\"ping\",\"data\":{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}'"
                        + " | NESTING_TOO_DEEP"
            })
    void refusesWithTheRightCode(String frame, QuorumError expected) {
        QuorumException refusal = assertThrows(QuorumException.class, () -> InboundEnvelope.parse(frame));
        assertEquals(expected, refusal.error());
    }

    @Test
    void refusesAnOverlongId() {
        String frame = "{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}";
        assertEquals(
                QuorumError.INVALID_ENVELOPE,
                assertThrows(QuorumException.class, () -> InboundEnvelope.parse(frame))
                        .error());
    }
}
