package dev.quorum.analysis.control;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words that carry sentiment in a boardroom, counted with negation ("not good" is negative): evidence added
 * to what the embedding classifier finds, which on its own hears the topic more than the tone.
 */
final class SentimentCues {

    private SentimentCues() {}

    private static final Set<String> POSITIVE = Set.of(
            "good",
            "great",
            "excellent",
            "pleased",
            "delighted",
            "happy",
            "strong",
            "strongly",
            "success",
            "successful",
            "impressive",
            "outstanding",
            "fantastic",
            "confident",
            "improved",
            "improve",
            "healthy",
            "promising",
            "well",
            "thank",
            "thanks",
            "congratulations",
            "achievement",
            "support",
            "welcome",
            "record",
            "ahead",
            "beat",
            "clean",
            "useful",
            "helpful",
            "value",
            "grew",
            "growth",
            "nicely");
    private static final Set<String> NEGATIVE = Set.of(
            "bad",
            "poor",
            "concerned",
            "concern",
            "concerns",
            "worried",
            "worry",
            "disappointing",
            "disappointed",
            "unacceptable",
            "failure",
            "failures",
            "fail",
            "failed",
            "fails",
            "disaster",
            "frustrated",
            "terrible",
            "worse",
            "worst",
            "collapsed",
            "weak",
            "unhappy",
            "object",
            "serious",
            "seriously",
            "losing",
            "lose",
            "lost",
            "losses",
            "loss",
            "threaten",
            "threatens",
            "damage",
            "damaging",
            "breach",
            "risk",
            "danger",
            "fine",
            "fraud",
            "overrun",
            "delay",
            "delays",
            "problems",
            "problem",
            "fell",
            "low",
            "negative",
            "angry",
            "crisis",
            "illegal",
            "shortage",
            "exposed",
            "suffer",
            "complaints",
            "unrealistic");
    private static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "nobody", "isn't", "wasn't", "aren't", "don't", "didn't", "cannot", "can't",
            "hardly");
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}']+");

    /** Positive cues minus negative ones; a cue right after a negation counts the other way. */
    static int balance(String sentence) {
        String[] words = WORDS.split(sentence.toLowerCase(Locale.ROOT));
        int balance = 0;
        for (int i = 0; i < words.length; i++) {
            int sign = POSITIVE.contains(words[i]) ? 1 : NEGATIVE.contains(words[i]) ? -1 : 0;
            if (sign != 0
                    && ((i > 0 && NEGATIONS.contains(words[i - 1])) || (i > 1 && NEGATIONS.contains(words[i - 2])))) {
                sign = -sign;
            }
            balance += sign;
        }
        return balance;
    }
}
