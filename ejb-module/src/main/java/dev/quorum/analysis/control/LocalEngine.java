package dev.quorum.analysis.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The engine that needs no network: sentence embeddings (MiniLM, in-process) classified by the labelled
 * examples in {@code analysis/examples.tsv}, rules for an action item's owner and due date, and extractive
 * summaries (the sentences closest to what the whole was about, decisions and action items first).
 */
public class LocalEngine implements AnalysisEngine {

    /** Sentences longer than this are analysed by their beginning: the model reads 256 tokens at most. */
    private static final int MAX_SENTENCE = 1_000;
    /** A summary reads at most this many sentences, the latest. */
    private static final int MAX_SUMMARY_INPUT = 400;
    /** A question mark is evidence of a question, not proof ("Can everyone hear me?"). */
    private static final double QUESTION_MARK_BONUS = 0.06;

    /** How far a tone's label must lead neutral's on the embedding alone. */
    private static final double NEUTRAL_MARGIN = 0.08;
    /** What one word of sentiment weighs. */
    private static final double CUE_WEIGHT = 0.04;

    private final Function<String, float[]> embeddings;
    private final NearestExamples sentiment = new NearestExamples();
    private final NearestExamples insight = new NearestExamples();

    public LocalEngine() {
        this(SentenceEmbeddings::embed);
    }

    LocalEngine(Function<String, float[]> embeddings) {
        this.embeddings = embeddings;
        try (InputStream in = LocalEngine.class.getResourceAsStream("/analysis/examples.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                NearestExamples target = "sentiment".equals(columns[0]) ? sentiment : insight;
                target.add(columns[1], embeddings.apply(columns[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SegmentAnalysis analyze(Spoken segment) {
        List<Insight> insights = new ArrayList<>();
        double sentimentTotal = 0;
        List<String> sentences = sentences(segment.text());
        for (String sentence : sentences) {
            float[] vector = embeddings.apply(sentence);
            sentimentTotal += sentimentScore(sentiment.classify(vector, cueBonus(sentence)));
            InsightKind kind = insightKind(sentence, vector);
            if (kind == null) {
                continue;
            }
            boolean action = kind == InsightKind.ACTION_ITEM;
            insights.add(new Insight(
                    kind,
                    sentence,
                    action
                            ? Owners.of(sentence, segment.speaker(), segment.participants())
                                    .orElse(null)
                            : null,
                    action ? DueDates.in(sentence, segment.on()).orElse(null) : null));
        }
        return new SegmentAnalysis(
                Sentiment.of(sentences.isEmpty() ? 0 : sentimentTotal / sentences.size()), insights, "local");
    }

    /** The insight a sentence is, or null for none. */
    InsightKind insightKind(String sentence, float[] vector) {
        Map<String, Double> bonus = sentence.endsWith("?") ? Map.of("question", QUESTION_MARK_BONUS) : Map.of();
        return InsightKind.fromWire(insight.classify(vector, bonus).best());
    }

    /**
     * The embedding hears the topic more than the tone: a sentence is neutral unless the tone's label leads by
     * a margin, and words of sentiment move it.
     */
    static Map<String, Double> cueBonus(String sentence) {
        int balance = SentimentCues.balance(sentence);
        return Map.of(
                "neutral", NEUTRAL_MARGIN - Math.abs(balance) * CUE_WEIGHT,
                "positive", Math.max(0, balance) * CUE_WEIGHT,
                "negative", Math.max(0, -balance) * CUE_WEIGHT);
    }

    /** A sentence's sentiment in [-1, 1]: its label's sign, as strong as the label's lead over the others. */
    static double sentimentScore(NearestExamples.Scores scores) {
        double lead = scores.byLabel().values().stream()
                .sorted(Comparator.reverseOrder())
                .limit(2)
                .reduce((first, second) -> first - second)
                .orElse(0.0);
        double strength = Math.min(1, 0.25 + lead * 8);
        return switch (scores.best()) {
            case "positive" -> strength;
            case "negative" -> -strength;
            default -> Math.max(-0.2, Math.min(0.2, (scores.score("positive") - scores.score("negative")) * 2));
        };
    }

    @Override
    public Summary summarize(List<Spoken> segments) {
        return new Summary(extract(segments), "local");
    }

    private String extract(List<Spoken> segments) {
        record Said(String speaker, String sentence, float[] vector, boolean key) {}
        List<Said> said = new ArrayList<>();
        for (Spoken segment : segments) {
            for (String sentence : sentences(segment.text())) {
                said.add(new Said(segment.speaker(), sentence, null, false));
            }
        }
        if (said.size() > MAX_SUMMARY_INPUT) {
            said = new ArrayList<>(said.subList(said.size() - MAX_SUMMARY_INPUT, said.size()));
        }
        if (said.isEmpty()) {
            return "";
        }
        List<Said> embedded = new ArrayList<>();
        float[] centroid = null;
        for (Said one : said) {
            float[] vector = embeddings.apply(one.sentence());
            InsightKind kind = insightKind(one.sentence(), vector);
            embedded.add(new Said(
                    one.speaker(),
                    one.sentence(),
                    vector,
                    kind == InsightKind.DECISION || kind == InsightKind.ACTION_ITEM));
            if (centroid == null) {
                centroid = new float[vector.length];
            }
            for (int i = 0; i < vector.length; i++) {
                centroid[i] += vector[i];
            }
        }
        float[] whole = centroid;
        int keep = Math.max(1, Math.min(5, (embedded.size() + 3) / 4));
        List<Said> all = embedded;
        return IntStream.range(0, all.size())
                .boxed()
                .sorted(Comparator.comparingDouble(
                        (Integer i) -> -(NearestExamples.cosine(all.get(i).vector(), whole)
                                + (all.get(i).key() ? 0.2 : 0))))
                .limit(keep)
                .sorted()
                .map(i -> all.get(i).speaker() + ": " + all.get(i).sentence())
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }

    /** The sentences of a text, trimmed; a text without sentence punctuation is one sentence. */
    static List<String> sentences(String text) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        iterator.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence.length() > MAX_SENTENCE ? sentence.substring(0, MAX_SENTENCE) : sentence);
            }
        }
        return sentences;
    }
}
