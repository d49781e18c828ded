package dev.quorum.loadtest;

import dev.quorum.analysis.control.LocalEngine;
import dev.quorum.analysis.control.Spoken;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the local analysis engine costs on this machine's CPU: loading its model, analysing a segment of one,
 * three and eight sentences, and summarizing a meeting of 200 segments. One thread; prints JSON lines. Run:
 * {@code java -cp load-test/target/quorum-load.jar dev.quorum.loadtest.AnalysisBenchmark}
 */
public final class AnalysisBenchmark {

    private AnalysisBenchmark() {}

    private static final String[] SAID = {
        "Bob will send the revised budget to the board by Friday.",
        "I am deeply concerned that costs are out of control.",
        "The board approved the annual budget.",
        "What is the impact on next year's cash flow?",
        "There is a real risk that we breach the loan covenants.",
        "Thank you all for joining on short notice.",
        "Revenue for the year was forty million euros.",
        "Carol to prepare a paper on the pension scheme for the next meeting.",
    };

    public static void main(String[] args) {
        long loading = System.nanoTime();
        LocalEngine engine = new LocalEngine();
        System.out.printf(
                "{\"benchmark\":\"analysis\",\"step\":\"load model and examples\",\"millis\":%d}%n",
                (System.nanoTime() - loading) / 1_000_000);
        List<String> participants = List.of("Alice Archer", "Bob Baker", "Carol Chen");
        for (int sentences : new int[] {1, 3, 8}) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < sentences; i++) {
                text.append(SAID[i % SAID.length]).append(' ');
            }
            Spoken segment = new Spoken("Alice Archer", text.toString().strip(), LocalDate.now(), participants);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < deadline) {
                engine.analyze(segment); // warm up
            }
            int runs = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 5_000_000_000L || runs < 3) {
                engine.analyze(segment);
                runs++;
            }
            double millis = (System.nanoTime() - start) / 1e6 / runs;
            System.out.printf(
                    "{\"benchmark\":\"analysis\",\"step\":\"segment\",\"sentences\":%d,\"millisPerSegment\":%.2f,"
                            + "\"segmentsPerSecondPerCore\":%.0f}%n",
                    sentences, millis, 1000 / millis);
        }
        List<Spoken> meeting = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            meeting.add(new Spoken(
                    participants.get(i % 3),
                    SAID[i % SAID.length] + " Item " + i + ".",
                    LocalDate.now(),
                    participants));
        }
        long start = System.nanoTime();
        engine.summarize(meeting);
        System.out.printf(
                "{\"benchmark\":\"analysis\",\"step\":\"summary of 200 segments\",\"millis\":%d}%n",
                (System.nanoTime() - start) / 1_000_000);
    }
}
