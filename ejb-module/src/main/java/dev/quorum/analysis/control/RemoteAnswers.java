package dev.quorum.analysis.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the remote engine is asked, and what of its answer is believed: the answer is checked like any other
 * input — labels and kinds from the known sets, bounded texts, an owner only if a participant, a real date —
 * and an answer that does not fit is a failure (the local engine then answers).
 */
final class RemoteAnswers {

    private RemoteAnswers() {}

    private static final Set<String> LABELS = Set.of("positive", "neutral", "negative");
    private static final int MAX_INSIGHTS = 20;
    private static final int MAX_TEXT = 1_000;
    private static final int MAX_SUMMARY = 4_000;

    static final String SEGMENT_INSTRUCTIONS = "You analyse what is said in a company's board or member meeting. "
            + "Answer with one JSON object: {\"sentiment\": {\"label\": \"positive\"|\"neutral\"|\"negative\", "
            + "\"score\": number from -1 to 1}, \"insights\": [{\"kind\": \"action_item\"|\"decision\"|\"risk\"|"
            + "\"question\", \"text\": the sentence it was said in, \"owner\": one of the participants or null, "
            + "\"dueOn\": \"YYYY-MM-DD\" or null}]}. Only owners and dates that were said; no insight is fine.";

    static final String SUMMARY_INSTRUCTIONS = "You write the summary of a part of a company's board or member "
            + "meeting for its minutes: at most five sentences, neutral, naming decisions and action items. Answer "
            + "with one JSON object: {\"summary\": text}.";

    static String segmentQuestion(Spoken segment) {
        return JSON.createObjectBuilder()
                .add("speaker", segment.speaker())
                .add("saidOn", segment.on().toString())
                .add("participants", JSON.createArrayBuilder(segment.participants()))
                .add("text", segment.text())
                .build()
                .toString();
    }

    static String summaryQuestion(List<Spoken> segments) {
        var said = JSON.createArrayBuilder();
        segments.forEach(segment -> said.add(
                JSON.createObjectBuilder().add("speaker", segment.speaker()).add("text", segment.text())));
        return JSON.createObjectBuilder().add("transcript", said).build().toString();
    }

    static SegmentAnalysis segment(String answer, Spoken segment) {
        JsonObject json = object(answer);
        JsonObject sentiment = json.getJsonObject("sentiment");
        if (sentiment == null
                || !LABELS.contains(sentiment.getString("label", ""))
                || !(sentiment.get("score") instanceof JsonNumber score)
                || Math.abs(score.doubleValue()) > 1) {
            throw new ChatCompletions.RemoteFailure(
                    "the remote engine's sentiment is not one of the labels with a score");
        }
        List<Insight> insights = new ArrayList<>();
        JsonValue listed = json.get("insights");
        if (listed != null && !(listed instanceof JsonArray)) {
            throw new ChatCompletions.RemoteFailure("the remote engine's insights are not a list");
        }
        for (JsonValue value : listed == null ? List.<JsonValue>of() : listed.asJsonArray()) {
            if (insights.size() == MAX_INSIGHTS || !(value instanceof JsonObject insight)) {
                break;
            }
            InsightKind kind = InsightKind.fromWire(insight.getString("kind", ""));
            String text = text(insight, "text");
            if (kind == null || text == null || text.isBlank() || text.length() > MAX_TEXT) {
                continue;
            }
            String owner = text(insight, "owner");
            insights.add(new Insight(
                    kind,
                    text.strip(),
                    owner == null
                            ? null
                            : Owners.participant(owner, segment.participants()).orElse(null),
                    date(text(insight, "dueOn"))));
        }
        return new SegmentAnalysis(
                new Sentiment(
                        sentiment.getString("label"),
                        sentiment.getJsonNumber("score").doubleValue()),
                insights,
                "remote");
    }

    static Summary summary(String answer) {
        String text = text(object(answer), "summary");
        if (text == null || text.length() > MAX_SUMMARY) {
            throw new ChatCompletions.RemoteFailure("the remote engine's summary is missing or too long");
        }
        return new Summary(text.strip(), "remote");
    }

    private static JsonObject object(String answer) {
        try (JsonReader reader = JSON.createReader(new StringReader(answer))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new ChatCompletions.RemoteFailure("the remote engine's answer is not a JSON object");
        }
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString string ? string.getString() : null;
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
