package dev.quorum.room.entity;

/** Who may join a room. */
public enum AccessRule {
    /** Every active member of the room's organization. */
    ORGANIZATION,
    /** Only members listed in the room's membership. */
    MEMBERSHIP,
    /** Members holding one of the room's access roles. */
    ROLES
}
