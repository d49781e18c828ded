package dev.quorum.room.entity;

import jakarta.persistence.Converter;

@Converter
public class RoomKindConverter extends LowerCaseEnumConverter<RoomKind> {
    public RoomKindConverter() {
        super(RoomKind.class);
    }
}
