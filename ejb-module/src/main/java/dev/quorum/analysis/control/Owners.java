package dev.quorum.analysis.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who owns an action item, when the sentence says it: the speaker ("I will", "I'll", "let me"), or a
 * participant named as its subject or addressee ("Bob will", "Carol to prepare", "Frank, please", "owner is
 * Gina", "assigned to Dave"). A name counts only when it is a participant's: first or full display name.
 */
public final class Owners {

    private Owners() {}

    private static final Pattern SPEAKER = Pattern.compile(
            "(?i)^(?:ok(?:ay)?,?\\s+|so,?\\s+|yes,?\\s+)?(?:i\\s+will|i'll|i\\s+shall|i\\s+can|let\\s+me|i'm\\s+going\\s+to|i\\s+am\\s+going\\s+to)\\b");
    private static final String NAME = "([A-Z][\\p{L}'-]+(?:\\s+[A-Z][\\p{L}'-]+)?)";
    private static final List<Pattern> NAMED = List.of(
            Pattern.compile("^(?:Action:\\s*)?" + NAME
                    + "\\s+(?:will|to|shall|agreed to|is going to|has agreed to|can|should|must|needs to)\\b"),
            Pattern.compile("^" + NAME + ",\\s+(?:please|can you|could you|would you|will you)\\b"),
            Pattern.compile(
                    "(?i:owner(?:\\s+for\\s+this)?\\s+is|assigned\\s+to|action\\s+(?:for|on)|over\\s+to)\\s+" + NAME));

    public static Optional<String> of(String sentence, String speaker, List<String> participants) {
        String text = sentence.strip();
        if (SPEAKER.matcher(text).find()) {
            return Optional.ofNullable(speaker);
        }
        for (Pattern pattern : NAMED) {
            Matcher matcher = pattern.matcher(text);
            if (matcher.find()) {
                Optional<String> participant = participant(matcher.group(1), participants);
                if (participant.isPresent()) {
                    return participant;
                }
            }
        }
        return Optional.empty();
    }

    /** The participant a name means: their full display name, or their first name when only one has it. */
    static Optional<String> participant(String name, List<String> participants) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (String participant : participants) {
            if (participant.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(participant);
            }
        }
        String first = wanted.split("\\s+")[0];
        List<String> byFirstName = participants.stream()
                .filter(participant ->
                        participant.toLowerCase(Locale.ROOT).split("\\s+")[0].equals(first))
                .toList();
        return byFirstName.size() == 1 ? Optional.of(byFirstName.get(0)) : Optional.empty();
    }
}
