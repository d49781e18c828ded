package dev.quorum.analysis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteAnswersTest {

    static final Spoken SAID = new Spoken(
            "Alice Archer",
            "Bob will send it by Friday.",
            LocalDate.of(2026, 12, 1),
            List.of("Alice Archer", "Bob Baker"));

    @Test
    void whatFitsIsBelieved() {
        SegmentAnalysis analysis = RemoteAnswers.segment(
                "{\"sentiment\":{\"label\":\"neutral\",\"score\":0.1},"
                        + "\"insights\":[{\"kind\":\"action_item\",\"text\":\"Bob will send it by Friday.\",\"owner\":\"Bob\","
                        + "\"dueOn\":\"2026-12-04\"}]}",
                SAID);
        assertEquals("remote", analysis.engine());
        assertEquals("neutral", analysis.sentiment().label());
        assertEquals(InsightKind.ACTION_ITEM, analysis.insights().get(0).kind());
        assertEquals("Bob Baker", analysis.insights().get(0).owner());
        assertEquals(LocalDate.of(2026, 12, 4), analysis.insights().get(0).dueOn());
    }

    @Test
    void ownersWhoAreNotParticipantsKindsThatDoNotExistAndBadDatesAreDropped() {
        SegmentAnalysis analysis = RemoteAnswers.segment(
                "{\"sentiment\":{\"label\":\"negative\",\"score\":-0.4},"
                        + "\"insights\":[{\"kind\":\"action_item\",\"text\":\"x\",\"owner\":\"Mallory\",\"dueOn\":\"soon\"},"
                        + "{\"kind\":\"gossip\",\"text\":\"y\"},{\"kind\":\"risk\",\"text\":\"\"}]}",
                SAID);
        assertEquals(1, analysis.insights().size());
        assertNull(analysis.insights().get(0).owner());
        assertNull(analysis.insights().get(0).dueOn());
    }

    @Test
    void anAnswerThatDoesNotFitIsAFailure() {
        assertThrows(ChatCompletions.RemoteFailure.class, () -> RemoteAnswers.segment("not json", SAID));
        assertThrows(
                ChatCompletions.RemoteFailure.class,
                () -> RemoteAnswers.segment("{\"sentiment\":{\"label\":\"ecstatic\",\"score\":0.9}}", SAID));
        assertThrows(
                ChatCompletions.RemoteFailure.class,
                () -> RemoteAnswers.segment("{\"sentiment\":{\"label\":\"positive\",\"score\":7}}", SAID));
        assertThrows(
                ChatCompletions.RemoteFailure.class,
                () -> RemoteAnswers.segment(
                        "{\"sentiment\":{\"label\":\"positive\",\"score\":0.2},\"insights\":3}", SAID));
        assertThrows(ChatCompletions.RemoteFailure.class, () -> RemoteAnswers.summary("{\"summary\":12}"));
        assertEquals(
                "Short.", RemoteAnswers.summary("{\"summary\":\" Short. \"}").text());
    }
}
