package dev.quorum.room.entity;

/** What a room is for; access rules and later features depend on it. */
public enum RoomKind {
    ORGANIZATION,
    DIVISION,
    MEETING,
    DOCUMENT,
    DIRECT,
    COMPLIANCE
}
