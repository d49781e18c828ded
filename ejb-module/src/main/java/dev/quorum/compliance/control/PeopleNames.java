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
            // words between spaces and commas, without a regular expression: organizations have thousands
            int start = 0;
            for (int i = 0; i <= displayName.length(); i++) {
                if (i == displayName.length()
                        || Character.isWhitespace(displayName.charAt(i))
                        || displayName.charAt(i) == ',') {
                    addIfName(displayName, start, i, words);
                    start = i + 1;
                }
            }
        }
        return new PeopleNames(Set.copyOf(words));
    }

    /** A capitalized word of two letters or more, lower case after its first letter, not a common word. */
    private static void addIfName(String text, int start, int end, Set<String> words) {
        if (end - start < 2 || !Character.isUpperCase(text.charAt(start))) {
            return;
        }
        for (int i = start + 1; i < end; i++) {
            if (!Character.isLowerCase(text.charAt(i))) {
                return;
            }
        }
        String word = text.substring(start, end);
        if (!NOT_NAMES.contains(word)) {
            words.add(word);
        }
    }

    /** Whether a capitalized word (without a possessive 's) is a member's first or last name. */
    public boolean isName(String word) {
        return nameWords.contains(word);
    }
}
