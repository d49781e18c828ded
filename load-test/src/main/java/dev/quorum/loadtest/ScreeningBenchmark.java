package dev.quorum.loadtest;

import dev.quorum.compliance.control.Rule;
import dev.quorum.compliance.control.Screening;
import dev.quorum.compliance.control.ScreeningContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What checking a message against the default compliance rules costs on this machine's CPU, for ordinary
 * chat and for hostile texts (long runs that a careless pattern handles in quadratic time). One thread;
 * prints microseconds per message as JSON lines. Run:
 * {@code java -cp load-test/target/quorum-load.jar dev.quorum.loadtest.ScreeningBenchmark}
 */
public final class ScreeningBenchmark {

    private ScreeningBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("greeting", "Good morning everyone, the board pack for Thursday is in the documents folder.");
        texts.put("figures", "Revenue grew 4.2% to 1,250,000 in Q3 2025; costs fell in room 4012 by 12%.");
        texts.put("formatted", "<b>Reminder</b>: the vote on item 7.3 closes at 12:45, please check in before.");
        // what ../shared/bench publishes: a timestamp, then the alphabet and digits repeated to 128 characters
        texts.put(
                "side-by-side benchmark",
                "1796141234567.123 "
                        + "abcdefghijklmnopqrstuvwxyz0123456789".repeat(4).substring(0, 128));
        texts.put("personal data", "Call +1 415 867 5309 or mail ceo&#64;acme-corp.com, card 4111 1111 1111 1111.");
        texts.put("9,000 letters", "y".repeat(9_000));
        texts.put("9,000 letters then @", "y".repeat(9_000) + " @");
        texts.put("9,000 digits", "7".repeat(9_000));
        texts.put("4,500 x 'a@'", "a@".repeat(4_500));
        for (Map.Entry<String, String> text : texts.entrySet()) {
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                Screening.ofHtml(text.getValue(), Rule.DEFAULTS, ScreeningContext.NONE); // warm up
            }
            long runs = 0;
            long start = System.nanoTime();
            long end = start + 2_000_000_000L;
            while (System.nanoTime() < end || runs < 3) {
                Screening.ofHtml(text.getValue(), Rule.DEFAULTS, ScreeningContext.NONE);
                runs++;
            }
            double micros = (System.nanoTime() - start) / 1_000.0 / runs;
            System.out.printf(
                    "{\"benchmark\":\"screening\",\"text\":\"%s\",\"chars\":%d,\"microsPerMessage\":%.1f}%n",
                    text.getKey(), text.getValue().length(), micros);
        }
    }
}
