package dev.quorum.presence.control;

/**
 * A member is no longer present in a room on any node: their last connection left it, or dropped and did
 * not come back within the grace period. Fired asynchronously on the node whose presence change it was.
 */
public record RoomDeparture(long room, String member) {}
