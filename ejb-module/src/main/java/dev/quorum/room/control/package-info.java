/** Who may be in which room: tenant isolation first, then the room's access rule. */
package dev.quorum.room.control;
