package dev.quorum.compliance.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The detectors measured on a labelled corpus (src/test/resources/compliance-corpus.tsv: 250 texts, with
 * hard negatives such as years, amounts, room numbers, ISINs, checksum failures, health and belief words about a
 * business rather than a person, amounts that are not results). Prints precision and
 * recall per category and holds them to the floors below, so a detector that gets worse fails the build.
 */
class DetectionCorpusTest {

    private static final double PRECISION_FLOOR = 0.95;
    private static final double RECALL_FLOOR = 0.85;

    /** The corpus's organization: four members, and every room read by an external guest (for mnpi). */
    static final ScreeningContext CONTEXT = new ScreeningContext() {
        private final PeopleNames people =
                PeopleNames.of(List.of("Alice Archer", "Bob Baker", "Carol Chen", "Dave Dunn", "The Chair"));

        @Override
        public PeopleNames people() {
            return people;
        }

        @Override
        public boolean roomHasExternalGuests() {
            return true;
        }
    };

    private static Rule rule(Category category) {
        return Rule.DEFAULTS.stream()
                .filter(rule -> rule.category() == category)
                .findFirst()
                .orElseThrow();
    }

    record Sample(Category category, boolean positive, String text) {}

    static List<Sample> corpus() throws Exception {
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DetectionCorpusTest.class.getResourceAsStream("/compliance-corpus.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                samples.add(new Sample(Category.fromWire(parts[0]), parts[1].equals("1"), parts[2]));
            }
        }
        return samples;
    }

    @Test
    void precisionAndRecallPerCategory() throws Exception {
        Map<Category, int[]> counts = new EnumMap<>(Category.class); // tp, fp, fn, tn
        List<String> mistakes = new ArrayList<>();
        List<Sample> samples = corpus();
        for (Sample sample : samples) {
            boolean found = !Screening.matches(rule(sample.category()), sample.text(), CONTEXT)
                    .isEmpty();
            int[] c = counts.computeIfAbsent(sample.category(), k -> new int[4]);
            if (found && sample.positive()) {
                c[0]++;
            } else if (found) {
                c[1]++;
                mistakes.add("false positive " + sample);
            } else if (sample.positive()) {
                c[2]++;
                mistakes.add("missed " + sample);
            } else {
                c[3]++;
            }
        }
        System.out.println("Compliance detection on " + samples.size() + " labelled texts:");
        StringBuilder failures = new StringBuilder();
        counts.forEach((category, c) -> {
            double precision = c[0] + c[1] == 0 ? 1 : (double) c[0] / (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 1 : (double) c[0] / (c[0] + c[2]);
            System.out.printf(
                    "  %-19s precision %.2f  recall %.2f  (tp %d, fp %d, fn %d, tn %d)%n",
                    category.wireName(), precision, recall, c[0], c[1], c[2], c[3]);
            if (precision < PRECISION_FLOOR || recall < RECALL_FLOOR) {
                failures.append(category.wireName()).append(' ');
            }
        });
        mistakes.forEach(m -> System.out.println("  " + m));
        assertTrue(samples.size() >= 150, "the corpus keeps at least 150 texts");
        assertTrue(failures.isEmpty(), "below the floors: " + failures + mistakes);
    }
}
