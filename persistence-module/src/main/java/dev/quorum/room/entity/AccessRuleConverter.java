package dev.quorum.room.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * Stored as the lower-case word the schema's CHECK constraint lists. A concrete converter on purpose:
 * EclipseLink mis-types writes through a generic converter base class.
 */
@Converter
public class AccessRuleConverter implements AttributeConverter<AccessRule, String> {

    @Override
    public String convertToDatabaseColumn(AccessRule value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public AccessRule convertToEntityAttribute(String column) {
        return column == null ? null : AccessRule.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
