package dev.quorum.document.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stored as the lower-case word the schema's CHECK constraint lists. */
@Converter
public class DocumentStatusConverter implements AttributeConverter<DocumentStatus, String> {

    @Override
    public String convertToDatabaseColumn(DocumentStatus value) {
        return value == null ? null : value.wireName();
    }

    @Override
    public DocumentStatus convertToEntityAttribute(String column) {
        return column == null ? null : DocumentStatus.fromWire(column);
    }
}
