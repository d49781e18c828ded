package dev.quorum.analysis.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

/**
 * The JMS queue analysis jobs travel on and the JSON they travel as ({@code schema} 1):
 * {@code {"schema":1,"job":7,"organization":1,"meeting":3,"kind":"segment","subject":42}}.
 */
public final class AnalysisQueue {

    private AnalysisQueue() {}

    public static final String NAME = "quorum.analysis";
    public static final int SCHEMA = 1;

    public static String encode(AnalysisJobs.QueuedJob job) {
        return JSON.createObjectBuilder()
                .add("schema", SCHEMA)
                .add("job", job.id())
                .add("organization", job.organization())
                .add("meeting", job.meeting())
                .add("kind", job.kind())
                .add("subject", job.subject())
                .build()
                .toString();
    }

    /** The job a message carries; a message that is not one throws (it is poison: it ends in the dead-letter queue). */
    public static long jobOf(String body) {
        if (body == null || body.length() > 1_000) {
            throw new IllegalArgumentException("not an analysis job: no body, or too long");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonObject job = reader.readObject();
            if (job.getInt("schema", 0) != SCHEMA) {
                throw new IllegalArgumentException("not an analysis job of schema " + SCHEMA);
            }
            return job.getJsonNumber("job").longValueExact();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an analysis job: " + e.getMessage(), e);
        }
    }
}
