package dev.quorum.analysis.control;

/** How a segment sounds: {@code positive}, {@code neutral} or {@code negative}, with a score in [-1, 1]. */
public record Sentiment(String label, double score) {

    public static Sentiment of(double score) {
        double bounded = Math.max(-1, Math.min(1, score));
        return new Sentiment(bounded >= 0.25 ? "positive" : bounded <= -0.25 ? "negative" : "neutral", bounded);
    }
}
