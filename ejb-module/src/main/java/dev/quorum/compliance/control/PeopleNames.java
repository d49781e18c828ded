package dev.quorum.compliance.control;

import java.util.HashSet;
import java.util.Set;

/**
 * The names by which an organization's members are written about: each display name's words (first and last
 * names). Words too common to be a name are left out.
 */
public final class PeopleNames {

    public static final PeopleNames NONE = new PeopleNames(Set.of());

    private static final Set<String> NOT_NAMES = Set.of(
            "The",
            "A",
            "An",
            "And",
            "Of",
            "Mr",
            "Mrs",
            "Ms",
            "Dr",
            "Board",
            "Chair",
            "Secretary",
            "Admin",
            "Member",
            "Guest",
            "Team",
            "Office",
            "Director",
            "Officer",
            "Company",
            "Group");

    private final Set<String> nameWords;

    private PeopleNames(Set<String> nameWords) {
        this.nameWords = nameWords;
    }

    /** From the members' display names. */
    public static PeopleNames of(Iterable<String> displayNames) {
        Set<String> words = new HashSet<>();
        for (String displayName : displayNames) {
            for (String word : displayName.split("[\\s,]+")) {
                if (word.length() >= 2
                        && Character.isUpperCase(word.charAt(0))
                        && word.chars().skip(1).allMatch(Character::isLowerCase)
                        && !NOT_NAMES.contains(word)) {
                    words.add(word);
                }
            }
        }
        return new PeopleNames(Set.copyOf(words));
    }

    /** Whether a capitalized word (without a possessive 's) is a member's first or last name. */
    public boolean isName(String word) {
        return nameWords.contains(word);
    }
}
