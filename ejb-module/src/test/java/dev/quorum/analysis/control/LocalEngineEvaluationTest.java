package dev.quorum.analysis.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local engine, with the real MiniLM model, on labelled sentences it was not built from: precision and
 * recall per sentiment and insight category, printed, and a floor under each so a change that makes the
 * engine worse fails the build.
 */
class LocalEngineEvaluationTest {

    record Labelled(String sentiment, String insight, String sentence) {}

    record Counts(int truePositives, int falsePositives, int falseNegatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    @Test
    void eachCategoryIsFoundWithUsefulPrecisionAndRecall() throws IOException {
        LocalEngine engine = new LocalEngine();
        List<Labelled> set = evaluationSet();
        assertTrue(set.size() >= 100, "at least 100 labelled sentences");
        List<String[]> sentimentPairs = new ArrayList<>();
        List<String[]> insightPairs = new ArrayList<>();
        for (Labelled labelled : set) {
            SegmentAnalysis analysis = engine.analyze(new Spoken(
                    "Alice Archer",
                    labelled.sentence(),
                    LocalDate.of(2026, 12, 1),
                    List.of("Alice Archer", "Bob Baker")));
            sentimentPairs.add(
                    new String[] {labelled.sentiment(), analysis.sentiment().label()});
            String found = analysis.insights().isEmpty()
                    ? "none"
                    : analysis.insights().get(0).kind().wireName();
            insightPairs.add(new String[] {labelled.insight(), found});
            if (!labelled.insight().equals(found)
                    || !labelled.sentiment().equals(analysis.sentiment().label())) {
                System.out.printf(
                        "  %-11s→ %-11s %-8s→ %-8s %s%n",
                        labelled.insight(),
                        found,
                        labelled.sentiment(),
                        analysis.sentiment().label(),
                        labelled.sentence());
            }
        }
        Map<String, Counts> sentiment = counts(sentimentPairs, List.of("positive", "neutral", "negative"));
        Map<String, Counts> insight =
                counts(insightPairs, List.of("action_item", "decision", "risk", "question", "none"));
        System.out.println("| category | precision | recall | tp / fp / fn |");
        print(sentiment);
        print(insight);
        // floors a little under what was measured when the engine landed (see the issue's note)
        assertFloor(insight, "action_item", 0.70, 0.70);
        assertFloor(insight, "decision", 0.70, 0.80);
        assertFloor(insight, "risk", 0.70, 0.75);
        assertFloor(insight, "question", 0.65, 0.80);
        assertFloor(sentiment, "negative", 0.55, 0.65);
        assertFloor(sentiment, "neutral", 0.85, 0.70);
    }

    private static void assertFloor(Map<String, Counts> counts, String label, double precision, double recall) {
        Counts c = counts.get(label);
        assertTrue(
                c.precision() >= precision && c.recall() >= recall,
                label + ": precision " + c.precision() + ", recall " + c.recall());
    }

    private static void print(Map<String, Counts> counts) {
        counts.forEach((label, c) -> System.out.printf(
                "| %s | %.2f | %.2f | %d / %d / %d |%n",
                label, c.precision(), c.recall(), c.truePositives(), c.falsePositives(), c.falseNegatives()));
    }

    private static Map<String, Counts> counts(List<String[]> pairs, List<String> labels) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (String label : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (String[] pair : pairs) {
                boolean expected = pair[0].equals(label);
                boolean found = pair[1].equals(label);
                tp += expected && found ? 1 : 0;
                fp += !expected && found ? 1 : 0;
                fn += expected && !found ? 1 : 0;
            }
            counts.put(label, new Counts(tp, fp, fn));
        }
        return counts;
    }

    static List<Labelled> evaluationSet() throws IOException {
        try (InputStream in = LocalEngineEvaluationTest.class.getResourceAsStream("/analysis-evaluation.tsv")) {
            List<Labelled> set = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] columns = line.split("\t");
                    set.add(new Labelled(columns[0], columns[1], columns[2]));
                }
            }
            return set;
        }
    }
}
