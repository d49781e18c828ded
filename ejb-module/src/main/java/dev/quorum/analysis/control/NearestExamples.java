package dev.quorum.analysis.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier trained from labelled example sentences: a sentence gets the label whose closest examples
 * (by cosine similarity of their embeddings) are closest on average. No training step that could drift: the
 * examples are the model, and adding one is how a mistake is corrected.
 */
public final class NearestExamples {

    /** How many of a label's closest examples count for it. */
    private static final int NEIGHBOURS = 3;

    private record Example(String label, float[] vector) {}

    /** Each label's score, highest first; the first is the answer. */
    public record Scores(Map<String, Double> byLabel) {
        public String best() {
            return byLabel.keySet().iterator().next();
        }

        public double score(String label) {
            return byLabel.getOrDefault(label, 0.0);
        }
    }

    private final List<Example> examples = new ArrayList<>();

    public void add(String label, float[] vector) {
        examples.add(new Example(label, vector));
    }

    public Scores classify(float[] vector) {
        return classify(vector, Map.of());
    }

    /** @param bonus added to a label's score (a rule's evidence beside the embedding's) */
    public Scores classify(float[] vector, Map<String, Double> bonus) {
        Map<String, List<Double>> similarities = new LinkedHashMap<>();
        for (Example example : examples) {
            similarities
                    .computeIfAbsent(example.label(), label -> new ArrayList<>())
                    .add(cosine(vector, example.vector()));
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        similarities.forEach((label, values) -> {
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int count = Math.min(NEIGHBOURS, sorted.length);
            double top =
                    Arrays.stream(sorted, sorted.length - count, sorted.length).sum() / count;
            scores.put(label, top + bonus.getOrDefault(label, 0.0));
        });
        Map<String, Double> ranked = new LinkedHashMap<>();
        scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> ranked.put(entry.getKey(), entry.getValue()));
        return new Scores(ranked);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
