package dev.quorum.routing.control;

/** A member lost a room: their open connections, on every node, stop receiving it once this commits. */
public record RoomAccessRevoked(long room, String member) {}
