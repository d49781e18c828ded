package dev.quorum.compliance.control;

import java.time.LocalDate;
import java.util.Set;

/**
 * What some rules need to know besides the text: who the organization's people are (health and special
 * categories are personal data only about a person), whether the room has external guests and the date
 * (mnpi), and the divisions of the room and of the author (information barriers). Screening asks only for
 * what an enabled rule needs, and only once the text gives it a reason to.
 */
public interface ScreeningContext {

    /** A text checked on its own: no room, no author, known people none, today's date. */
    ScreeningContext NONE = new ScreeningContext() {};

    default PeopleNames people() {
        return PeopleNames.NONE;
    }

    default boolean roomHasExternalGuests() {
        return false;
    }

    /** The division whose room this is (its name), or null for any other room. */
    default String roomDivision() {
        return null;
    }

    /** The divisions the author belongs to (their rooms' names). */
    default Set<String> authorDivisions() {
        return Set.of();
    }

    default LocalDate today() {
        return LocalDate.now();
    }
}
