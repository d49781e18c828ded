package dev.quorum.identity.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * Stored as the lower-case word the schema's CHECK constraint lists. A concrete converter on purpose:
 * EclipseLink mis-types writes through a generic converter base class.
 */
@Converter
public class OrganizationStatusConverter implements AttributeConverter<OrganizationStatus, String> {

    @Override
    public String convertToDatabaseColumn(OrganizationStatus value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public OrganizationStatus convertToEntityAttribute(String column) {
        return column == null ? null : OrganizationStatus.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
