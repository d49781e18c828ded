package dev.quorum.compliance.control;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a rule is tuned with beyond its action: {@code region} where phone numbers without a country code are
 * dialled; {@code releaseDates} of earnings releases and the {@code blackoutDays} before each in which figures
 * are inside information wherever they are posted (mnpi); {@code barriers}, pairs of division names whose
 * members may not post in each other's rooms (information_barrier).
 */
public record RuleParameters(String region, List<LocalDate> releaseDates, int blackoutDays, List<Barrier> barriers) {

    public static final int DEFAULT_BLACKOUT_DAYS = 14;

    public static final RuleParameters NONE = new RuleParameters(null, List.of(), DEFAULT_BLACKOUT_DAYS, List.of());

    /** Two divisions (room names) kept apart. */
    public record Barrier(String first, String second) {
        boolean separates(String division, String other) {
            return (first.equals(division) && second.equals(other)) || (first.equals(other) && second.equals(division));
        }
    }

    public RuleParameters {
        releaseDates = List.copyOf(releaseDates);
        barriers = List.copyOf(barriers);
    }

    public static RuleParameters region(String region) {
        return new RuleParameters(region, List.of(), DEFAULT_BLACKOUT_DAYS, List.of());
    }

    /** Whether the day falls in a blackout: from {@code blackoutDays} before a release to the release day. */
    public boolean inBlackout(LocalDate day) {
        return releaseDates.stream()
                .anyMatch(release -> !day.isAfter(release) && !day.isBefore(release.minusDays(blackoutDays)));
    }

    /** The barrier that a member of {@code memberDivisions} posting in {@code roomDivision}'s room crosses. */
    public Barrier crossedBy(Set<String> memberDivisions, String roomDivision) {
        for (Barrier barrier : barriers) {
            for (String division : memberDivisions) {
                if (!division.equals(roomDivision) && barrier.separates(division, roomDivision)) {
                    return barrier;
                }
            }
        }
        return null;
    }
}
