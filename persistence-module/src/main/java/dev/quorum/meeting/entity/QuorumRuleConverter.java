package dev.quorum.meeting.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stored as the lower-case word the schema's CHECK constraint lists (a concrete converter: see RoomKindConverter). */
@Converter
public class QuorumRuleConverter implements AttributeConverter<QuorumRule, String> {

    @Override
    public String convertToDatabaseColumn(QuorumRule value) {
        return value == null ? null : value.wireName();
    }

    @Override
    public QuorumRule convertToEntityAttribute(String column) {
        return column == null ? null : QuorumRule.fromWire(column);
    }
}
