package dev.quorum.document.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stored as the lower-case word the schema's CHECK constraint lists. */
@Converter
public class DocumentKindConverter implements AttributeConverter<DocumentKind, String> {

    @Override
    public String convertToDatabaseColumn(DocumentKind value) {
        return value == null ? null : value.wireName();
    }

    @Override
    public DocumentKind convertToEntityAttribute(String column) {
        return column == null ? null : DocumentKind.fromWire(column);
    }
}
