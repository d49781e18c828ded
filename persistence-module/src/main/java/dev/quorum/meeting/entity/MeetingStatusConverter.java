package dev.quorum.meeting.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stored as the lower-case word the schema's CHECK constraint lists (a concrete converter: see RoomKindConverter). */
@Converter
public class MeetingStatusConverter implements AttributeConverter<MeetingStatus, String> {

    @Override
    public String convertToDatabaseColumn(MeetingStatus value) {
        return value == null ? null : value.wireName();
    }

    @Override
    public MeetingStatus convertToEntityAttribute(String column) {
        return column == null ? null : MeetingStatus.fromWire(column);
    }
}
