package dev.quorum.meeting.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** The one JSON-B instance that encodes meeting payloads (thread-safe, costly to create). */
final class MeetingJson {

    static final Jsonb JSONB = JsonbBuilder.create();

    private MeetingJson() {}
}
