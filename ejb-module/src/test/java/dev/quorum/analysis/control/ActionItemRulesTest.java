package dev.quorum.analysis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionItemRulesTest {

    /** A Tuesday. */
    static final LocalDate SAID = LocalDate.of(2026, 12, 1);

    static final List<String> PEOPLE = List.of("Alice Archer", "Bob Baker", "Carol Chen", "Bob Brown");

    @Test
    void dueDatesAsSpeakersSayThem() {
        assertEquals(Optional.of(LocalDate.of(2026, 12, 4)), DueDates.in("Send it by Friday.", SAID));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 8)), DueDates.in("before Tuesday please", SAID));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 2)), DueDates.in("I'll do it tomorrow", SAID));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 15)), DueDates.in("by 15 December", SAID));
        assertEquals(Optional.of(LocalDate.of(2027, 1, 10)), DueDates.in("by January 10th", SAID));
        assertEquals(Optional.of(LocalDate.of(2027, 3, 2)), DueDates.in("due 2027-03-02", SAID));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 11)), DueDates.in("report back next week", SAID));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 31)), DueDates.in("by the end of the month", SAID));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 31)), DueDates.in("before the end of the quarter", SAID));
        assertEquals(Optional.of(LocalDate.of(2027, 2, 28)), DueDates.in("options by February", SAID));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 15)), DueDates.in("in two weeks", SAID));
        assertEquals(Optional.empty(), DueDates.in("Bob will look into it.", SAID));
        assertEquals(Optional.empty(), DueDates.in("by 31 February", SAID));
        assertEquals(Optional.empty(), DueDates.in("We met on 2026-13-45.", SAID));
    }

    @Test
    void ownersAreTheSpeakerOrANamedParticipant() {
        assertEquals(Optional.of("Alice Archer"), Owners.of("I'll send the slides.", "Alice Archer", PEOPLE));
        assertEquals(Optional.of("Alice Archer"), Owners.of("Okay, let me check with legal.", "Alice Archer", PEOPLE));
        assertEquals(Optional.of("Carol Chen"), Owners.of("Carol to prepare a paper.", "Alice Archer", PEOPLE));
        assertEquals(
                Optional.of("Carol Chen"), Owners.of("Carol, please update the register.", "Alice Archer", PEOPLE));
        assertEquals(Optional.of("Bob Baker"), Owners.of("Bob Baker will call the bank.", "Alice Archer", PEOPLE));
        assertEquals(Optional.of("Carol Chen"), Owners.of("The owner is Carol.", "Alice Archer", PEOPLE));
        // two Bobs: a first name alone is not enough
        assertEquals(Optional.empty(), Owners.of("Bob will call the bank.", "Alice Archer", PEOPLE));
        // not a participant
        assertEquals(Optional.empty(), Owners.of("Zoe will call the bank.", "Alice Archer", PEOPLE));
        assertEquals(Optional.empty(), Owners.of("Someone needs to chase the invoices.", "Alice Archer", PEOPLE));
        assertEquals(Optional.empty(), Owners.of("Management to present a plan.", "Alice Archer", PEOPLE));
    }
}
