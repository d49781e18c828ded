package dev.quorum.meeting.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stored as the lower-case word the schema's CHECK constraint lists (a concrete converter: see RoomKindConverter). */
@Converter
public class MeetingKindConverter implements AttributeConverter<MeetingKind, String> {

    @Override
    public String convertToDatabaseColumn(MeetingKind value) {
        return value == null ? null : value.wireName();
    }

    @Override
    public MeetingKind convertToEntityAttribute(String column) {
        return column == null ? null : MeetingKind.fromWire(column);
    }
}
